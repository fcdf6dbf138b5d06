import { useTranslation } from 'react-i18next';
import { isFinished, type Job } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { formatBytes, formatDate } from '../format.js';
import { sortedJobs, useApp } from '../store/app-store.js';
import { act } from './Queue.js';
import { SendTo, targetKey, targetsFrom } from './SendTo.js';
import { lazy, Suspense, useState } from 'react';

// three.js is ~600 kB: loaded only when someone opens a preview, not with the app.
const Preview = lazy(() => import('./preview/Preview.js').then((m) => ({ default: m.Preview })));

async function run(fn: () => Promise<string | undefined>) {
  const { setError, setNotice } = useApp.getState();
  try {
    const notice = await fn();
    if (notice) setNotice(notice);
  } catch (e) {
    setError(e);
  }
}

export function Projects() {
  const { t, i18n } = useTranslation();
  const jobs = useApp((s) => s.jobs);
  const settings = useApp((s) => s.settings);
  const [filter, setFilter] = useState('all');
  const [previewing, setPreviewing] = useState<Job | undefined>(undefined);
  const targets = targetsFrom(settings, t);
  const all = sortedJobs(jobs);
  const list =
    filter === 'all'
      ? all
      : all.filter(
          (j) =>
            targetKey({ backend: j.backend, profile: j.backend === 'nodeodm' ? j.profile : undefined }) ===
            filter,
        );
  const backendLabel = (job: Job) =>
    targets.find(
      (x) =>
        targetKey(x) ===
        targetKey({ backend: job.backend, profile: job.backend === 'nodeodm' ? job.profile : undefined }),
    )?.label ??
    (job.backend === 'nodeodm' ? t('backend.node', { name: job.profile }) : t(`backend.${job.backend}`));
  const lang = i18n.language;

  const copy = (job: Job) =>
    run(async () => {
      await navigator.clipboard.writeText(job.result?.downloadUrl ?? '');
      return t('projects.copied');
    });
  const refresh = (job: Job) =>
    run(async () => {
      const r = await api.refreshProject(job.id);
      useApp.getState().upsertJob(r.job);
      return r.status;
    });

  return (
    <section aria-labelledby="projects-title">
      <div className="row">
        <h1 id="projects-title" className="grow">
          {t('projects.title')}
        </h1>
        <select aria-label={t('projects.filter')} value={filter} onChange={(e) => setFilter(e.target.value)}>
          <option value="all">{t('backend.all')}</option>
          {targets.map((x) => (
            <option key={targetKey(x)} value={targetKey(x)}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      {list.length === 0 ? (
        <p className="muted">{t('projects.empty')}</p>
      ) : (
        <table className="projects">
          <thead>
            <tr>
              <th scope="col">{t('projects.name')}</th>
              <th scope="col">{t('projects.date')}</th>
              <th scope="col">{t('projects.photos')}</th>
              <th scope="col">{t('projects.size')}</th>
              <th scope="col">{t('projects.backend')}</th>
              <th scope="col">{t('projects.status')}</th>
              <th scope="col">{t('projects.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((job) => (
              <tr key={job.id} data-testid="project-row">
                <th scope="row">{job.projectName}</th>
                <td className="num">{formatDate(job.createdAt, lang)}</td>
                <td className="num">{job.source.photoCount}</td>
                <td className="num">{formatBytes(job.source.totalBytes, lang)}</td>
                <td>{backendLabel(job)}</td>
                <td data-testid="project-status">
                  {t(`state.${job.state}`)}
                  {/* The server's own words help while it works or fails; once done they only repeat it. */}
                  {job.rawStatus && job.state !== 'done' ? (
                    <span className="muted"> ({job.rawStatus})</span>
                  ) : null}
                  {job.result?.folder && (
                    <div className="muted small" data-testid="result-folder">
                      {t('projects.savedIn', { path: job.result.folder })}
                    </div>
                  )}
                </td>
                <td className="row">
                  {job.backend === 'cloud' && (
                    <button type="button" onClick={() => void refresh(job)}>
                      {t('projects.refresh')}
                    </button>
                  )}
                  {job.result?.downloadUrl && (
                    <>
                      <button type="button" onClick={() => void copy(job)}>
                        {t('projects.copyLink')}
                      </button>
                      <a href={job.result.downloadUrl} target="_blank" rel="noopener noreferrer">
                        {t('projects.openLink')}
                      </a>
                    </>
                  )}
                  {job.state === 'done' && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(async () =>
                          t('projects.savedIn', { path: (await api.downloadResult(job.id)).path }),
                        )
                      }
                    >
                      {t('projects.download')}
                    </button>
                  )}
                  {job.state === 'done' && job.result?.folder && (
                    <button type="button" onClick={() => setPreviewing(job)}>
                      {t('preview.open')}
                    </button>
                  )}
                  {job.result?.folder && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(async () => {
                          const r = await api.openResultFolder(job.id);
                          return r.opened ? undefined : t('projects.savedIn', { path: r.path });
                        })
                      }
                    >
                      {t('projects.openFolder')}
                    </button>
                  )}
                  {job.backend === 'cloud' && job.state !== 'uploading' && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(async () => {
                          await api.resetProject(job.id);
                          return t('projects.resetDone');
                        })
                      }
                    >
                      {t('projects.reset')}
                    </button>
                  )}
                  {isFinished(job.state) && job.source.paths.length > 0 && (
                    <SendTo
                      paths={job.source.paths}
                      exclude={{
                        backend: job.backend,
                        profile: job.backend === 'nodeodm' ? job.profile : undefined,
                        label: '',
                      }}
                    />
                  )}
                  {isFinished(job.state) && (
                    <button type="button" onClick={() => act('removeJob', job.id)}>
                      {t('queue.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {previewing && (
        <Suspense fallback={<p className="muted">{t('preview.loading')}</p>}>
          <Preview job={previewing} onClose={() => setPreviewing(undefined)} />
        </Suspense>
      )}
    </section>
  );
}
