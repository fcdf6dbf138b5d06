import { useTranslation } from 'react-i18next';
import { isFailed, isFinished, type Job } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { formatBytes, formatDate } from '../format.js';
import { sortedJobs, useApp } from '../store/app-store.js';
import { act } from './Queue.js';
import { ResultPanel } from './ResultPanel.js';
import { useShownJob } from './use-shown-job.js';
import { runAction } from './run-action.js';
import { stateLabel } from './state-label.js';
import { sendSet, targetKey, targetsFrom } from './SendTo.js';
import { Menu, type MenuItem } from './ui/Menu.js';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Button } from './ui/Button.js';
import { EmptyState } from './ui/EmptyState.js';
import { Table } from './ui/Table.js';

// three.js is ~600 kB: loaded only when someone opens a preview, not with the app.
const Preview = lazy(() => import('./preview/Preview.js').then((m) => ({ default: m.Preview })));

/** One primary action per row (the thing most people want next); everything else is in the menu. */
function rowActions(
  job: Job,
  t: TFunction,
  targets: ReturnType<typeof targetsFrom>,
  preview: () => void,
): { primary?: ReactNode; items: MenuItem[] } {
  const refresh = () =>
    void runAction(async () => {
      const r = await api.refreshProject(job.id);
      useApp.getState().upsertJob(r.job);
      // The cloud's own words ("processing done") are never shown: its status is mapped to our text.
      return t(`cloudStatus.${r.statusKey ?? 'unknown'}`);
    });
  const download = () =>
    void runAction(async () => t('projects.savedIn', { path: (await api.downloadResult(job.id)).path }));
  const items: MenuItem[] = [];
  let primary: ReactNode;
  const done = job.state === 'done';
  if (done && job.result?.folder) {
    primary = (
      <Button variant="primary" onClick={preview}>
        {t('preview.open')}
      </Button>
    );
  } else if (done) {
    primary = (
      <Button variant="primary" onClick={download}>
        {t('projects.download')}
      </Button>
    );
  } else if (isFailed(job.state)) {
    primary = (
      <Button variant="primary" onClick={() => act('retryJob', job.id)}>
        {t('queue.retry')}
      </Button>
    );
  } else if (job.backend === 'cloud') {
    primary = <Button onClick={refresh}>{t('projects.refresh')}</Button>;
  }
  if (job.backend === 'cloud' && isFinished(job.state))
    items.push({ label: t('projects.refresh'), onSelect: refresh });
  if (done && job.result?.folder) items.push({ label: t('projects.download'), onSelect: download });
  if (job.backend === 'cloud' && job.state !== 'uploading')
    items.push({
      label: t('projects.reset'),
      onSelect: () =>
        void runAction(async () => {
          await api.resetProject(job.id);
          return t('projects.resetDone');
        }),
    });
  if (isFinished(job.state) && job.source.paths.length > 0) {
    const self = targetKey({
      backend: job.backend,
      profile: job.backend === 'nodeodm' ? job.profile : undefined,
    });
    items.push({
      label: t('sendTo.label'),
      items: targets
        .filter((x) => targetKey(x) !== self)
        .map((x) => ({ label: x.label, onSelect: () => void sendSet(job.source.paths, x, t) })),
    });
  }
  if (isFinished(job.state))
    items.push({ label: t('queue.remove'), danger: true, onSelect: () => act('removeJob', job.id) });
  return { primary, items };
}

export function Projects() {
  const { t, i18n } = useTranslation();
  const jobs = useApp((s) => s.jobs);
  const settings = useApp((s) => s.settings);
  const [filter, setFilter] = useState('all');
  const [previewing, setPreviewing] = useState<Job | undefined>(undefined);
  const shownFor = useShownJob();
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
        <EmptyState>{t('projects.empty')}</EmptyState>
      ) : (
        <Table
          className="projects"
          labelledBy="projects-title"
          columns={[
            { key: 'name', label: t('projects.name') },
            { key: 'date', label: t('projects.date'), wideOnly: true },
            { key: 'photos', label: t('projects.photos'), numeric: true },
            { key: 'size', label: t('projects.size'), numeric: true },
            { key: 'backend', label: t('projects.backend'), wideOnly: true },
            { key: 'status', label: t('projects.status') },
            { key: 'actions', label: t('projects.actions'), hidden: true },
          ]}
        >
          <tbody>
            {list.map((job) => {
              const { primary, items } = rowActions(job, t, targets, () => setPreviewing(job));
              const showResult = job.state === 'done' && (job.result?.downloadUrl || job.result?.folder);
              return [
                <tr
                  key={job.id}
                  data-testid="project-row"
                  className={showResult ? 'has-result' : undefined}
                  {...shownFor(job.id)}
                >
                  <th scope="row" className="name">
                    {job.projectName}
                  </th>
                  <td className="num wide-only">{formatDate(job.createdAt, lang)}</td>
                  <td className="num">{job.source.photoCount}</td>
                  <td className="num">{formatBytes(job.source.totalBytes, lang)}</td>
                  <td className="wide-only">{backendLabel(job)}</td>
                  <td data-testid="project-status">{stateLabel(job, t)}</td>
                  <td className="actions">
                    <div className="row nowrap">
                      {primary}
                      <Menu label={t('projects.more', { name: job.projectName })} items={items} />
                    </div>
                  </td>
                </tr>,
                showResult ? (
                  <tr key={`${job.id}-result`} className="result-row">
                    <td colSpan={7}>
                      <ResultPanel job={job} onPreview={() => setPreviewing(job)} />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </Table>
      )}
      {previewing && (
        <Suspense fallback={<p className="muted">{t('preview.loading')}</p>}>
          <Preview job={previewing} onClose={() => setPreviewing(undefined)} />
        </Suspense>
      )}
    </section>
  );
}
