/**
 * What a person came for, under a finished job's row: the cloud's download link (open, copy, and how
 * long it still works, counted from when the cloud reported it; renewed from the cloud once expired),
 * the local result folder, and the 3D preview.
 */
import { useTranslation } from 'react-i18next';
import type { Job } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { formatDate, formatDuration } from '../format.js';
import { useApp } from '../store/app-store.js';
import { runAction } from './run-action.js';
import { useNow } from './use-now.js';

/** Seconds until the link is expected to stop working; negative once past, undefined when unknown. */
export function linkSecondsLeft(job: Job, nowMs: number): number | undefined {
  const at = job.result?.linkExpiresAt ? Date.parse(job.result.linkExpiresAt) : NaN;
  return Number.isFinite(at) ? (at - nowMs) / 1000 : undefined;
}

export function ResultPanel({ job, onPreview }: { job: Job; onPreview(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = job.result?.downloadUrl;
  const folder = job.result?.folder;
  const now = useNow();
  const left = linkSecondsLeft(job, now);
  const expired = left !== undefined && left <= 0;

  const copy = () =>
    runAction(async () => {
      await navigator.clipboard.writeText(url ?? '');
      return t('projects.copied');
    });
  const renew = () =>
    runAction(async () => {
      const r = await api.refreshProject(job.id);
      useApp.getState().upsertJob(r.job);
      const renewed = r.job.result?.downloadUrl && r.job.result.downloadUrl !== url;
      return renewed ? t('result.renewed') : t(`cloudStatus.${r.statusKey ?? 'unknown'}`);
    });
  const openFolder = () =>
    runAction(async () => {
      const r = await api.openResultFolder(job.id);
      return r.opened ? undefined : t('projects.savedIn', { path: r.path });
    });

  return (
    <div className="result" data-testid="result-panel">
      {url && (
        <div className="result-part">
          <h3 className="result-title">{t('result.link')}</h3>
          <p className="muted small" data-testid="link-expiry">
            {left === undefined
              ? t('result.linkAgeUnknown')
              : expired
                ? t('result.linkExpired', { date: formatDate(job.result!.linkExpiresAt!, lang) })
                : t('result.linkLeft', {
                    time: formatDuration(left, lang),
                    date: formatDate(job.result!.linkReportedAt!, lang),
                  })}
          </p>
          <div className="row">
            {expired || left === undefined ? (
              <button type="button" className="primary" onClick={() => void renew()}>
                {t('result.renew')}
              </button>
            ) : (
              <a className="button primary" href={url} target="_blank" rel="noopener noreferrer">
                {t('projects.openLink')}
              </a>
            )}
            <button type="button" onClick={() => void copy()}>
              {t('projects.copyLink')}
            </button>
          </div>
        </div>
      )}
      {folder && (
        <div className="result-part">
          <h3 className="result-title">{t('result.folder')}</h3>
          <p className="muted small path" data-testid="result-folder">
            {folder}
          </p>
          <div className="row">
            <button type="button" className={url ? undefined : 'primary'} onClick={onPreview}>
              {t('preview.open')}
            </button>
            <button type="button" onClick={() => void openFolder()}>
              {t('projects.openFolder')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
