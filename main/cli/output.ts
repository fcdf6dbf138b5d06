/**
 * What the CLI shows while jobs run: a live progress line on a terminal, one line per state change
 * or log event (the same lines on a terminal and in a pipe), nothing but the final JSON with --json.
 * Server text is made printable first; a state already shown is never shown again.
 */
import type { Job, JobProgress } from '../core/jobs/types.js';
import type { EventListener } from '../core/service/index.js';
import { bytes, printable, progressLine } from './format.js';
import type { Terminal } from './terminal.js';

export interface ReporterOptions {
  json: boolean;
  term: Terminal;
  /** Only these jobs' events are shown (undefined: every job's). */
  only?: () => ReadonlySet<string> | undefined;
  /** Jobs as they were before this command: their current state is not news. */
  known?: readonly Job[];
  /** Piped progress lines at most this often (default 2 s). */
  pipedEveryMs?: number;
}

export interface Reporter {
  listener: EventListener;
  stop(): void;
}

function stateText(job: Job, term: Terminal): string {
  const name = printable(job.projectName || job.id, 120);
  const raw = job.rawStatus ? ` (${printable(job.rawStatus, 200)})` : '';
  const state =
    job.state === 'done'
      ? term.green(job.state)
      : job.state === 'failed' || job.state === 'cancelled'
        ? term.red(job.state)
        : job.state;
  return `${name}: ${state}${raw}`;
}

export function createReporter(o: ReporterOptions): Reporter {
  const { term } = o;
  const shown = new Map<string, string>();
  for (const j of o.known ?? []) shown.set(j.id, j.state + (j.rawStatus ?? ''));
  const names = new Map<string, string>();
  let lastPiped = 0;
  const wanted = (id: string) => {
    const only = o.only?.();
    return !only || only.has(id);
  };
  const progress = (jobId: string, p: JobProgress) => {
    const name = names.get(jobId);
    if (term.tty) term.status(progressLine(p, (process.stderr.columns || 100) - 1));
    else if (Date.now() - lastPiped >= (o.pipedEveryMs ?? 2000)) {
      lastPiped = Date.now();
      const text = progressLine(p, 200).replace(/^\[[#-]+\]\s*/, '');
      term.line(`${name ? `${name}: ` : ''}${text}`);
    }
  };
  const listener: EventListener = (event, payload) => {
    if (o.json) return;
    if (event === 'job:state') {
      const { job } = payload as { job: Job };
      if (!wanted(job.id)) return;
      names.set(job.id, printable(job.projectName || job.id, 120));
      const key = job.state + (job.rawStatus ?? '');
      if (shown.get(job.id) === key) return;
      shown.set(job.id, key);
      term.line(stateText(job, term));
      if (job.state === 'failed' && job.error) term.line(term.red(`error: ${printable(job.error.message)}`));
    } else if (event === 'job:progress') {
      const { jobId, progress: p } = payload as { jobId: string; progress: JobProgress };
      if (wanted(jobId)) progress(jobId, p);
    } else if (event === 'job:log') {
      const { jobId, level, message } = payload as { jobId: string; level: string; message: string };
      if (!wanted(jobId)) return;
      const text = printable(message, 2000);
      term.line(level === 'info' ? text : term.yellow(`${level}: ${text}`));
    }
  };
  return { listener, stop: () => term.endStatus() };
}

/** The one JSON object `upload`/`resume --json` prints per job. */
export function jobSummary(job: Job, startedAt: number): Record<string, unknown> {
  const upload = job.result?.summary?.upload as { bytes: number; parts: number; seconds: number } | undefined;
  return {
    jobId: job.id,
    project: job.projectName,
    backend: job.backend,
    state: job.state,
    status: job.rawStatus ?? null,
    photos: job.source.photoCount,
    parts: upload?.parts ?? job.progress.partsTotal,
    bytes: upload?.bytes ?? job.progress.bytesTotal,
    uploadSeconds: upload?.seconds ?? null,
    seconds: Math.round((Date.now() - startedAt) / 100) / 10,
    folder: job.result?.folder ?? null,
    downloadUrl: job.result?.downloadUrl ?? null,
    error: job.error ?? null,
  };
}

export { bytes };
