/**
 * What `scanbridge jobs` says about a job's progress. A percent only where one is measured: bytes of
 * an upload or a download, a backend's own processing figure (NodeODM, local). The OpenScan Cloud
 * reports no processing progress, and a journaled fraction can still be the finished upload's 1.0,
 * so a processing cloud job read "100%" — it now reads "uploaded, processing", like the app's queue
 * (its bar restarts at 0 for processing and names the step).
 */
import type { Job } from '../core/jobs/types.js';
import type { CliT } from './cli-language.js';
import { percent } from './format.js';

export interface JobProgressView {
  /** 0..1 when measured for the current stage, else null. */
  fraction: number | null;
  /** What the job is doing in words: "uploading", "uploaded", "processing"… */
  stage: string;
  /** The table cell. */
  text: string;
}

const measured = (f: unknown): f is number => typeof f === 'number' && Number.isFinite(f);

/** English words unless `t` (the CLI's language, cli-language.ts) says them. */
const plain: CliT = (key, params = {}) =>
  ({
    'cli.jobs.uploaded': 'uploaded',
    'cli.jobs.uploadedProcessing': 'uploaded, processing',
    'cli.jobs.processed': `${String(params.percent)} processed`,
    'cli.jobs.downloaded': `${String(params.percent)} downloaded`,
    'cli.jobs.parts': `${String(params.done)}/${String(params.total)} parts`,
    'cli.state.processing': 'processing',
  })[key] ?? key;

export function jobProgressView(
  job: Pick<Job, 'state' | 'backend' | 'progress'>,
  t: CliT = plain,
): JobProgressView {
  const p = job.progress;
  const f = measured(p.fraction) ? Math.min(1, Math.max(0, p.fraction)) : null;
  const parts =
    p.partsTotal > 0 ? ` · ${t('cli.jobs.parts', { done: p.partsDone, total: p.partsTotal })}` : '';
  switch (job.state) {
    case 'done':
      return { fraction: 1, stage: 'done', text: '100%' };
    case 'uploading':
      return { fraction: f, stage: 'uploading', text: `${percent(f)}${parts}` };
    case 'paused':
      return p.partsTotal > 0
        ? { fraction: f, stage: 'paused', text: `${percent(f)}${parts}` }
        : { fraction: null, stage: 'paused', text: '-' };
    case 'starting':
      return { fraction: null, stage: 'uploaded', text: t('cli.jobs.uploaded') };
    case 'processing': {
      // Only a backend that measures processing, and only a figure that is not the upload's leftover.
      const own = job.backend !== 'cloud' && f !== null && f > 0 && f < 1;
      if (own)
        return { fraction: f, stage: 'processing', text: t('cli.jobs.processed', { percent: percent(f) }) };
      return job.backend === 'local'
        ? { fraction: null, stage: 'processing', text: t('cli.state.processing') }
        : { fraction: null, stage: 'processing', text: t('cli.jobs.uploadedProcessing') };
    }
    case 'downloading':
      return { fraction: f, stage: 'downloading', text: t('cli.jobs.downloaded', { percent: percent(f) }) };
    default:
      return { fraction: null, stage: job.state, text: '-' };
  }
}
