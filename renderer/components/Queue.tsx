import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { isActive, isFailed, type Job } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { ErrorText } from './ErrorText.js';
import { confirmRetry } from './retry-confirm.js';
import { formatBytes, formatDuration, formatPercent } from '../format.js';
import { jobFigure } from './job-figure.js';
import { stateLabel } from './state-label.js';
import { useShownJob } from './use-shown-job.js';
import { useApp } from '../store/app-store.js';
import { Button } from './ui/Button.js';
import { EmptyState } from './ui/EmptyState.js';
import { ProgressBar } from './ui/ProgressBar.js';

type Action = 'pauseJob' | 'resumeJob' | 'cancelJob' | 'retryJob' | 'removeJob';

export function act(action: Action, id: string) {
  // Retry as a new cloud project costs credit again: asked first (retry-confirm.ts).
  (action === 'retryJob' ? confirmRetry(id) : Promise.resolve(true))
    .then(async (go) => {
      if (!go) return;
      await api[action](id);
      if (action === 'removeJob') useApp.getState().dropJob(id);
    })
    .catch((e: unknown) => useApp.getState().setError(e));
}

export function Queue() {
  const { t } = useTranslation();
  // Ids only: a progress tick re-renders its own row, not the list.
  const ids = useApp((s) =>
    Object.values(s.jobs)
      .filter((j) => isActive(j.state) || j.state === 'failed')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((j) => j.id)
      .join(','),
  );
  const list = ids ? ids.split(',') : [];
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      {list.length === 0 ? (
        <EmptyState>{t('queue.empty')}</EmptyState>
      ) : (
        <ul className="jobs">
          {list.map((id) => (
            <JobRow key={id} id={id} />
          ))}
        </ul>
      )}
    </section>
  );
}

const JobRow = memo(function JobRow({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const job = useApp((s) => s.jobs[id]);
  const shownFor = useShownJob();
  if (!job) return null;
  const p = job.progress;
  // A figure only where one was measured: no "0 %" beside a cloud job whose photos are all sent.
  const figure = jobFigure(job);
  const pct = figure.kind === 'fraction' ? Math.round(figure.fraction * 100) : undefined;
  const uploading = job.state === 'uploading';
  // Parts and bytes belong to the upload: shown while it runs or is paused, and nowhere else (a local
  // reconstruction has no bytes to send, so no "0 B / 0 B").
  const sending = (uploading || job.state === 'paused') && p.partsTotal > 0;
  const m = p.model;
  const modelParts = m
    ? [
        m.upload !== undefined ? t('estimate.upload', { time: formatDuration(m.upload, lang) }) : undefined,
        m.queue !== undefined ? t('estimate.queue', { time: formatDuration(m.queue, lang) }) : undefined,
        m.processing !== undefined
          ? t('estimate.processing', { time: formatDuration(m.processing, lang) })
          : t('estimate.processingUnknown'),
      ].filter(Boolean)
    : [];
  return (
    <li className="job" aria-label={job.projectName} data-testid="job" {...shownFor(id)}>
      <div className="row">
        <strong className="grow">{job.projectName}</strong>
        <span className={`state ${job.state}`} data-testid="job-state">
          {stateLabel(job, t)}
        </span>
      </div>
      {figure.kind !== 'none' && (
        // Without a value the bar is indeterminate: working, amount unknown.
        <ProgressBar max={100} value={pct} label={t('queue.progress', { name: job.projectName })} />
      )}
      <div className="row num stats">
        <span data-testid="job-percent">{pct !== undefined ? formatPercent(pct, lang) : '\u00a0'}</span>
        <span data-testid="job-parts">
          {sending ? t('queue.partsSent', { done: p.partsDone, count: p.partsTotal }) : '\u00a0'}
        </span>
        <span data-testid="job-bytes">
          {sending ? `${formatBytes(p.bytesDone, lang)} / ${formatBytes(p.bytesTotal, lang)}` : '\u00a0'}
        </span>
        {/* No rate until one is measured (the upload's first second): never "0 B/s" while bytes move. */}
        <span data-testid="job-rate">
          {uploading && p.rate > 0 ? t('queue.rate', { rate: formatBytes(p.rate, lang) }) : '\u00a0'}
        </span>
        <span>
          {uploading && p.etaSeconds !== undefined
            ? t('queue.eta', { time: formatDuration(p.etaSeconds, lang) })
            : '\u00a0'}
        </span>
        <span title={modelParts.join('\n')} data-testid="job-model" tabIndex={m ? 0 : undefined}>
          {m
            ? m.atLeast && m.totalSeconds < 1
              ? // Nothing measured yet (no rate, no past jobs): "at least ~0 s" would be true and useless.
                t('queue.toModelEstimating')
              : t(m.atLeast ? 'queue.toModelAtLeast' : 'queue.toModel', {
                  time: formatDuration(m.totalSeconds, lang),
                })
            : '\u00a0'}
        </span>
      </div>
      <p className="stage muted" data-testid="job-step">
        {p.step ? t(`step.${p.step}`, { defaultValue: stateLabel(job, t) }) : '\u00a0'}
      </p>
      {job.error && (
        <div className="job-error" role="alert">
          <ErrorText error={job.error} inline />
        </div>
      )}
      <div className="row">
        {job.state === 'paused' ? (
          <Button onClick={() => act('resumeJob', id)}>{t('queue.resume')}</Button>
        ) : (
          <Button disabled={!isActive(job.state)} onClick={() => act('pauseJob', id)}>
            {t('queue.pause')}
          </Button>
        )}
        <Button disabled={!isActive(job.state)} onClick={() => act('cancelJob', id)}>
          {t('queue.cancel')}
        </Button>
        {isFailed(job.state) && (
          <Button variant="primary" onClick={() => act('retryJob', id)}>
            {t('queue.retry')}
          </Button>
        )}
        {job.state === 'failed' && <Button onClick={() => act('removeJob', id)}>{t('queue.remove')}</Button>}
      </div>
    </li>
  );
});

export type { Job };
