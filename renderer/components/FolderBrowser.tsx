import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirListing } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { toUiError, type UiError } from '../store/app-store.js';

/** Web mode's folder picker: a browser cannot hand over real paths, so main lists folders for it. */
export function FolderBrowser(props: {
  start?: string | undefined;
  onChoose(path: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | undefined>(props.start);
  const [listing, setListing] = useState<DirListing | undefined>();
  const [error, setError] = useState<UiError | undefined>();

  useEffect(() => {
    let live = true;
    api.listDirectory(target).then(
      (l) => live && (setListing(l), setError(undefined)),
      (e: unknown) => live && setError(toUiError(e)),
    );
    return () => {
      live = false;
    };
  }, [target]);

  return (
    <div className="browser" role="region" aria-labelledby="browser-title">
      <div className="row">
        <h2 id="browser-title">{t('browser.title')}</h2>
        <code className="grow path" data-testid="browser-path">
          {listing?.path}
        </code>
        <button type="button" onClick={props.onClose}>
          {t('browser.close')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error.message} {error.hint}
        </p>
      )}
      {listing && (
        <>
          <div className="row">
            <button type="button" disabled={!listing.parent} onClick={() => setTarget(listing.parent)}>
              ↑ {t('browser.up')}
            </button>
            {listing.imageCount > 0 && (
              <button type="button" className="primary" onClick={() => props.onChoose(listing.path)}>
                {t('browser.useFolder', { count: listing.imageCount })}
              </button>
            )}
          </div>
          {listing.entries.length === 0 && <p className="muted">{t('browser.empty')}</p>}
          <ul className="entries" aria-label={listing.path}>
            {listing.entries
              .filter((e) => e.kind !== 'image')
              .map((e) => (
                <li key={e.path}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => (e.kind === 'dir' ? setTarget(e.path) : props.onChoose(e.path))}
                  >
                    <span className="muted">{t(`browser.kind_${e.kind}`)}</span> {e.name}
                  </button>
                </li>
              ))}
          </ul>
          {listing.truncated && <p className="muted">{t('browser.truncated')}</p>}
        </>
      )}
    </div>
  );
}
