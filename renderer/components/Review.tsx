import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackendKind } from '../../preload/contract/index.js';
import { api } from '../api/index.js';
import { formatBytes } from '../format.js';
import { useApp } from '../store/app-store.js';
import { PhotoGrid } from './PhotoGrid.js';

export function Review() {
  const { t, i18n } = useTranslation();
  const review = useApp((s) => s.review);
  const [name, setName] = useState(review?.suggestedName ?? '');
  const [busy, setBusy] = useState(false);
  if (!review) return null;
  const lang = i18n.language;
  const blocked = review.photoCount === 0 || (review.limits.checked && !review.limits.ok);

  const start = async (backend: BackendKind) => {
    setBusy(true);
    const { setError, upsertJob, go } = useApp.getState();
    try {
      const job = await api.createJob({ paths: review.paths, name: name.trim() || undefined, backend });
      upsertJob(job);
      go('queue');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="review-title">
      <div className="row">
        <h1 id="review-title" className="grow">
          {t('review.title')}
        </h1>
        <button type="button" onClick={() => useApp.getState().go('home')}>
          {t('review.back')}
        </button>
      </div>
      <p className="summary num" data-testid="review-summary">
        {t('review.photos', { count: review.photoCount })} · {formatBytes(review.totalBytes, lang)}
      </p>
      <ul className="limits" aria-label="limits">
        {!review.limits.checked && <li className="muted">{t('review.limitUnknown')}</li>}
        {review.limits.checked && review.limits.ok && <li className="ok">✓ {t('review.limitOk')}</li>}
        {review.limits.items
          .filter((i) => i.over)
          .map((i) => (
            <li key={i.what} className="bad" role="alert">
              ✗{' '}
              {t(`review.over_${i.what}`, {
                actual: i.what === 'photos' ? i.actual : formatBytes(i.actual, lang),
                limit: i.what === 'photos' ? i.limit : formatBytes(i.limit, lang),
              })}
            </li>
          ))}
      </ul>
      {review.photoCount === 0 ? (
        <p className="bad">{t('review.noPhotos')}</p>
      ) : (
        <PhotoGrid photos={review.photos} label={t('review.grid')} />
      )}
      {review.warnings.length > 0 && (
        <details open>
          <summary>
            {t('review.warnings')} ({review.warnings.length})
          </summary>
          <ul>
            {review.warnings.map((w) => (
              <li key={w.code + w.message}>{w.message}</li>
            ))}
          </ul>
        </details>
      )}
      {review.skipped.length > 0 && (
        <details open={review.photoCount === 0}>
          <summary>{t('review.skipped', { count: review.skipped.length })}</summary>
          <ul className="skipped">
            {review.skipped.slice(0, 500).map((s) => (
              <li key={s.displayPath}>
                <code>{s.displayPath}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="row actions">
        <label htmlFor="project-name">{t('review.name')}</label>
        <input
          id="project-name"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          aria-describedby="project-name-help"
        />
        <span id="project-name-help" className="muted">
          {t('review.nameHelp')}
        </span>
      </div>
      <div className="row actions">
        <button
          type="button"
          className="primary"
          disabled={busy || blocked}
          onClick={() => void start('cloud')}
        >
          {t('review.upload')}
        </button>
        <button type="button" disabled={busy || review.photoCount === 0} onClick={() => void start('local')}>
          {t('review.local')}
        </button>
      </div>
    </section>
  );
}
