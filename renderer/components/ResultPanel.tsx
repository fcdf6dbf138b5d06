/**
 * What a person came for, under a finished job's row: the cloud's download link (open, copy, and how
 * long it still works, counted from when the cloud reported it; renewed from the cloud once expired),
 * the local result folder, the 3D preview, and in the desktop app "Open with…" (system default,
 * MeshLab, Blender when found) and "Show in folder".
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, ViewerApp } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { formatDate, formatDuration } from '../format.js';
import { toUiError, useApp } from '../store/app-store.js';
import { runAction } from './run-action.js';
import { useNow } from './use-now.js';
import { Menu } from './ui/Menu.js';
import { Button } from './ui/Button.js';

// Found once per app start (main looks at install folders and PATH); the menu lists what it found.
let viewerApps: Promise<ViewerApp[]> | undefined;
function useViewerApps(enabled: boolean): ViewerApp[] {
  const [apps, setApps] = useState<ViewerApp[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    viewerApps ??= api.listViewerApps().catch(() => [{ id: 'default' as const, name: '' }]);
    void viewerApps.then((a) => live && setApps(a));
    return () => {
      live = false;
    };
  }, [enabled]);
  return apps;
}

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
  // Web mode cannot start programs on the user's computer: the desktop-only actions are not offered.
  const canOpenFiles = useApp((s) => s.app?.canOpenFiles === true);
  const apps = useViewerApps(canOpenFiles && !!folder);
  const appName = (a: ViewerApp) => (a.id === 'default' ? t('openWith.default') : a.name);

  const copy = () =>
    runAction(async () => {
      await navigator.clipboard.writeText(url ?? '');
      return t('projects.copied');
    });
  const renew = () =>
    runAction(async () => {
      let r;
      try {
        r = await api.refreshProject(job.id);
      } catch (e) {
        // A week on, the cloud has usually forgotten the project: there is no link to renew, and the
        // error's own next step (Retry) is not on a finished job's row. Said as what it means here.
        if (toUiError(e).code === 'PROJECT_NOT_FOUND')
          return t(folder ? 'states.linkGoneKept' : 'states.linkGone');
        throw e;
      }
      useApp.getState().upsertJob(r.job);
      const renewed = r.job.result?.downloadUrl && r.job.result.downloadUrl !== url;
      return renewed ? t('result.renewed') : t(`cloudStatus.${r.statusKey ?? 'unknown'}`);
    });
  const openFolder = () =>
    runAction(async () => {
      const r = await api.openResultFolder(job.id);
      return r.opened ? undefined : t('projects.savedIn', { path: r.path });
    });

  const openWith = (a: ViewerApp) =>
    runAction(async () => {
      await api.openResultWith({ jobId: job.id, app: a.id });
      return t('openWith.opened', { app: appName(a) });
    });
  const reveal = () =>
    runAction(async () => {
      await api.revealResult({ jobId: job.id });
      return undefined;
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
              <Button variant="primary" onClick={() => void renew()}>
                {t('result.renew')}
              </Button>
            ) : (
              <a className="button primary" href={url} target="_blank" rel="noopener noreferrer">
                {t('projects.openLink')}
              </a>
            )}
            <Button onClick={() => void copy()}>{t('projects.copyLink')}</Button>
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
            <Button variant={url ? 'default' : 'primary'} onClick={onPreview}>
              {t('preview.open')}
            </Button>
            {canOpenFiles && (
              <Menu
                label={t('openWith.menuLabel', { name: job.projectName })}
                text={t('openWith.label')}
                items={apps.map((a) => ({ label: appName(a), onSelect: () => void openWith(a) }))}
              />
            )}
            {canOpenFiles && <Button onClick={() => void reveal()}>{t('openWith.reveal')}</Button>}
            <Button onClick={() => void openFolder()}>{t('projects.openFolder')}</Button>
          </div>
        </div>
      )}
    </div>
  );
}
