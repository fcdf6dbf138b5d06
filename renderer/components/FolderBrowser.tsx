import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirListing } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { Button } from './ui/Button.js';
import { EmptyState } from './ui/EmptyState.js';

/** Web mode's folder picker: a browser cannot hand over real paths, so main lists folders for it. */
export function FolderBrowser(props: {
  start?: string | undefined;
  onChoose(path: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | undefined>(props.start);
  const redirected = useRef(false);
  const [listing, setListing] = useState<DirListing | undefined>();
  /** The path that could not be opened ('' when even the home folder failed). */
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const wanted = target?.trim();
    // No path (or a blank one) means "start at home": sent as no argument at all, never as null.
    (wanted ? api.listDirectory(wanted) : api.listDirectory()).then(
      (l) => {
        if (!live) return;
        setListing(l);
        // The home listing shown after a bad path keeps the message about that path.
        if (redirected.current) redirected.current = false;
        else setError(undefined);
      },
      () => {
        if (!live) return;
        // A path that does not exist or cannot be read: say so in words, and show the home folder instead.
        setError(wanted ?? '');
        if (wanted) {
          redirected.current = true;
          setTarget(undefined);
        }
      },
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
        <Button onClick={props.onClose}>{t('browser.close')}</Button>
      </div>
      {error !== undefined && (
        <p className="field-error" role="alert" data-testid="browser-error">
          {error ? t('browser.cannotOpen', { path: error }) : t('browser.cannotOpenHome')}
        </p>
      )}
      {listing && (
        <>
          <div className="row">
            <Button disabled={!listing.parent} onClick={() => setTarget(listing.parent)}>
              ↑ {t('browser.up')}
            </Button>
            {listing.imageCount > 0 && (
              <Button variant="primary" onClick={() => props.onChoose(listing.path)}>
                {t('browser.useFolder', { count: listing.imageCount })}
              </Button>
            )}
          </div>
          {listing.entries.length === 0 && <EmptyState>{t('browser.empty')}</EmptyState>}
          <ul className="entries" aria-label={listing.path}>
            {listing.entries
              .filter((e) => e.kind !== 'image')
              .map((e) => (
                <li key={e.path}>
                  <Button
                    variant="link"
                    onClick={() => (e.kind === 'dir' ? setTarget(e.path) : props.onChoose(e.path))}
                  >
                    <span className="muted">{t(`browser.kind_${e.kind}`)}</span> {e.name}
                  </Button>
                </li>
              ))}
          </ul>
          {listing.truncated && <p className="muted">{t('browser.truncated')}</p>}
        </>
      )}
    </div>
  );
}
