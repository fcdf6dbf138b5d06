import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackendKind } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { formatBytes } from '../format.js';
import { useApp } from '../store/app-store.js';
import { PhotoGrid } from './PhotoGrid.js';
import { CheckPanel } from './check/CheckPanel.js';
import { CheckBadge } from './check/CheckBadge.js';
import { subscribeCheckEvents, useCheck } from '../store/check-store.js';
import { targetsFrom } from './SendTo.js';
import { formatDuration } from '../format.js';
import { Button } from './ui/Button.js';

export function Review() {
  const { t, i18n } = useTranslation();
  const review = useApp((s) => s.review);
  const settings = useApp((s) => s.settings);
  const cloud = useApp((s) => s.cloud);
  const [name, setName] = useState(review?.suggestedName ?? '');
  const [busy, setBusy] = useState(false);
  // Fresh cloud status before the user decides where to send the set.
  useEffect(() => {
    void useApp.getState().refreshCloud();
  }, []);
  // The check (issue 16) starts while the person reads the review.
  useEffect(() => {
    subscribeCheckEvents();
    if (review) useCheck.getState().forReview(review);
  }, [review]);
  const dropped = useCheck((s) => s.dropped);
  // The grid's badge, stable while the check runs: cells without a flag or a drop mount no badge (and
  // no store subscriptions), and a progress tick re-renders no cell.
  const flaggedIds = useCheck((s) =>
    s.status === 'done' ? (s.report?.flagged.map((f) => f.file).join('\n') ?? '') : '',
  );
  const nameOf = useCallback(
    (id: string) => review?.photos.find((p) => p.id === id)?.displayPath ?? id,
    [review],
  );
  const marked = useMemo(
    () => new Set([...flaggedIds.split('\n').filter(Boolean), ...dropped]),
    [flaggedIds, dropped],
  );
  const badge = useCallback(
    (id: string) => (marked.has(id) ? <CheckBadge photoId={id} nameOf={nameOf} /> : null),
    [marked, nameOf],
  );
  if (!review) return null;
  const lang = i18n.language;
  const blocked = review.photoCount === 0 || (review.limits.checked && !review.limits.ok);
  const nodes = targetsFrom(settings, t).filter((x) => x.backend === 'nodeodm');
  // When the cloud cannot take the set soon, say why and offer the other backends (issue: one job board).
  const creditShort = review.limits.items.some((i) => i.what === 'credit' && i.over);
  const queueLong = (cloud?.estimatedSeconds ?? 0) > 2 * 3600;
  const troubles = [
    cloud && !cloud.online ? t('alternatives.offline') : undefined,
    creditShort ? t('alternatives.credit') : undefined,
    queueLong
      ? t('alternatives.queue', { time: formatDuration(cloud?.estimatedSeconds ?? 0, lang) })
      : undefined,
  ].filter((x): x is string => Boolean(x));

  const start = async (backend: BackendKind, profile?: string) => {
    setBusy(true);
    const { setError, upsertJob, go } = useApp.getState();
    try {
      const job = await api.createJob({
        paths: review.paths,
        // The review's scan is the job's set: the job does not scan the folders again.
        scanId: review.scanId,
        ...(dropped.length > 0 ? { exclude: { scanId: review.scanId, photoIds: dropped } } : {}),
        name: name.trim() || undefined,
        backend,
        profile,
      });
      upsertJob(job);
      // Only if the person is still here: a click elsewhere while the job was created wins.
      if (useApp.getState().screen === 'review') go('queue');
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
        <Button onClick={() => useApp.getState().go('home')}>{t('review.back')}</Button>
      </div>
      <p className="summary num" data-testid="review-summary">
        {t('review.photos', { count: review.photoCount })} · {formatBytes(review.totalBytes, lang)}
      </p>
      <ul className="limits" aria-label={t('review.limits')}>
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
        <PhotoGrid photos={review.photos} label={t('review.grid')} badge={badge} />
      )}
      {review.warnings.length > 0 && (
        <details open>
          <summary>
            {t('review.warnings')} ({review.warnings.length})
          </summary>
          <ul>
            {review.warnings.map((w) => (
              <li key={w.code + w.message}>
                {t(`warning.${w.code}`, {
                  ...w.params,
                  paths: listPaths(w.paths, t),
                  defaultValue: i18n.language === 'en' ? w.message : t('warning.other'),
                })}
              </li>
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
                <code>{s.displayPath}</code>:{' '}
                {t(`skippedFile.${s.code ?? 'other'}`, {
                  ...s.params,
                  // An unknown code (a newer core) reads as English only in English, never mixed in.
                  defaultValue: i18n.language === 'en' ? s.reason : t('skippedFile.other'),
                })}
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
      {troubles.length > 0 && review.photoCount > 0 && (
        <div className="notice" role="status" data-testid="alternatives">
          {troubles.map((m) => (
            <p key={m}>{m}</p>
          ))}
          <p>{t('alternatives.offer')}</p>
        </div>
      )}
      {review.photoCount > 0 && <CheckPanel review={review} />}
      <div className="row actions">
        <Button variant="primary" disabled={busy || blocked} onClick={() => void start('cloud')}>
          {t('review.upload')}
        </Button>
        <Button disabled={busy || review.photoCount === 0} onClick={() => void start('local')}>
          {t('review.local')}
        </Button>
        {nodes.map((n) => (
          <Button
            key={n.profile}
            disabled={busy || review.photoCount === 0}
            onClick={() => void start('nodeodm', n.profile)}
          >
            {t('sendTo.label')}: {n.label}
          </Button>
        ))}
      </div>
    </section>
  );
}

/** The first few paths, then "and N more": a warning about 300 photos stays readable. */
function listPaths(paths: string[], t: TFunction): string {
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3 ? t('warning.more', { list: shown, count: paths.length - 3 }) : shown;
}
