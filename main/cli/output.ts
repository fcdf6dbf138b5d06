/**
 * What the CLI shows while jobs run: a live progress line on a terminal, one line per state change
 * and per warning (the same lines on a terminal and in a pipe), nothing but the final JSON with --json.
 * Server text is made printable first; a state already shown is never shown again. The job log's
 * info lines ("Processing of X started.", "Status: …", a node's console) say what the state lines
 * already say, and its error line is the failure the 'failed' line prints: both only with --verbose;
 * warnings always. Log lines are said from the catalogue by code + params in the CLI's language
 * (`logLineOut`, which `scanbridge watch` uses for the watcher's lines too); a tool's line verbatim.
 */
import type { Job, JobProgress } from '../core/jobs/types.js';
import type { EventListener } from '../core/service/index.js';
import type { CliText } from './cli-language.js';
import { bytes, duration, printable, progressLine } from './format.js';
import { jobProgressView } from './job-progress.js';
import { backendStatusText } from './status-words.js';
import { errorLines } from './output-error.js';
import { logLineText, type LogLike } from '../../renderer/i18n/format-log.js';
import type { Terminal } from './terminal.js';

export interface ReporterOptions {
  json: boolean;
  term: Terminal;
  /** The CLI's language (cli-language.ts): every line from the catalogue. */
  text: CliText;
  /** Only these jobs' events are shown (undefined: every job's). */
  only?: () => ReadonlySet<string> | undefined;
  /** Jobs as they were before this command: their current state is not news. */
  known?: readonly Job[];
  /** Piped progress lines at most this often (default 2 s). */
  pipedEveryMs?: number;
  /** Also print the job log's info lines. */
  verbose?: boolean;
  /** The clock (tests). */
  now?: () => number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * One log line as the CLI prints it, in its language: an info line as it is said, a warning or an
 * error with its prefix from the catalogue ("Warnung: Nur 4 Fotos: …"), in colour on a terminal.
 * The words come from the line's code + params (renderer/i18n/format-log.ts), else as they came.
 */
export function logLineOut(
  text: CliText,
  term: Pick<Terminal, 'yellow'>,
  level: LogLevel,
  line: LogLike,
): string {
  const said = printable(logLineText(text.t, line, { english: text.lang === 'en' }), 2000);
  if (level === 'info' || level === 'debug') return said;
  const prefix = text.t(level === 'warn' ? 'cli.warnPrefix' : 'cli.errorPrefix');
  return term.yellow(`${prefix}: ${said}`);
}

export interface Reporter {
  listener: EventListener;
  stop(): void;
}

function stateText(job: Job, term: Terminal, text: CliText): string {
  const name = printable(job.projectName || job.id, 120);
  // The backend's own status words are data (quoted as they came), not ours to translate.
  const status = job.rawStatus
    ? backendStatusText(text, job.backend, job.rawStatus, job.result?.downloadUrl)
    : '';
  const raw = status ? ` (${status})` : '';
  const said = text.t(`cli.state.${job.state}`);
  const state =
    job.state === 'done'
      ? term.green(said)
      : job.state === 'failed' || job.state === 'cancelled'
        ? term.red(said)
        : said;
  return `${name}: ${state}${raw}`;
}

/** States that get a live bar, when jobProgressView says their figure is measured. */
const LIVE = new Set<Job['state']>(['uploading', 'downloading', 'processing']);

interface Transfer {
  /** When the first progress of this upload was seen, and how many bytes were already in then. */
  since: number;
  startBytes: number;
  last: JobProgress;
}

export function createReporter(o: ReporterOptions): Reporter {
  const { term, text } = o;
  const now = o.now ?? Date.now;
  const shown = new Map<string, string>();
  const names = new Map<string, string>();
  const jobs = new Map<string, Pick<Job, 'state' | 'backend'>>();
  for (const j of o.known ?? []) {
    shown.set(j.id, j.state + (j.rawStatus ?? ''));
    jobs.set(j.id, j);
  }
  const uploads = new Map<string, Transfer>();
  let lastPiped = 0;
  const wanted = (id: string) => {
    const only = o.only?.();
    return !only || only.has(id);
  };
  const progress = (jobId: string, p: JobProgress) => {
    const job = jobs.get(jobId);
    if (job?.state === 'uploading' && p.bytesTotal > 0) {
      const t = uploads.get(jobId);
      if (t) t.last = p;
      else uploads.set(jobId, { since: now(), startBytes: p.bytesDone, last: p });
    }
    // The same rule as `scanbridge jobs`: e.g. a cloud job's processing has no figure (its fraction is
    // the finished upload's), so no bar.
    const measured =
      !job || (LIVE.has(job.state) && jobProgressView({ ...job, progress: p }).fraction !== null);
    if (!measured) return;
    const name = names.get(jobId);
    if (term.tty) term.status(progressLine(p, (process.stderr.columns || 100) - 1, text.t));
    else if (now() - lastPiped >= (o.pipedEveryMs ?? 2000)) {
      lastPiped = now();
      const line = progressLine(p, 200, text.t).replace(/^\[[#-]+\]\s*/, '');
      term.line(`${name ? `${name}: ` : ''}${line}`);
    }
  };
  /** "owl: 306 MB sent in 3.3 s (92.1 MB/s)", once, when an upload we watched ends. */
  const uploadSummary = (jobId: string, name: string) => {
    const t = uploads.get(jobId);
    uploads.delete(jobId);
    if (!t || !(t.last.bytesTotal > 0)) return;
    const seconds = Math.max(0.001, (now() - t.since) / 1000);
    const sent = Math.max(0, t.last.bytesTotal - t.startBytes);
    const time =
      // A sub-second upload says 0.1 s, not 0 s.
      seconds < 60
        ? text.t('cli.seconds', { value: Math.max(0.1, Math.round(seconds * 10) / 10) })
        : duration(seconds);
    term.line(text.t('cli.sentIn', { name, size: t.last.bytesTotal, time, rate: sent / seconds }));
  };
  const listener: EventListener = (event, payload) => {
    if (o.json) return;
    if (event === 'job:state') {
      const { job } = payload as { job: Job };
      if (!wanted(job.id)) return;
      const name = printable(job.projectName || job.id, 120);
      names.set(job.id, name);
      const before = jobs.get(job.id)?.state;
      jobs.set(job.id, { state: job.state, backend: job.backend });
      if (before === 'uploading' && job.state !== 'uploading') {
        term.endStatus();
        if (job.state === 'starting' || job.state === 'processing') uploadSummary(job.id, name);
        else uploads.delete(job.id);
      }
      const key = job.state + (job.rawStatus ?? '');
      if (shown.get(job.id) === key) return;
      shown.set(job.id, key);
      term.line(stateText(job, term, text));
      if (job.state === 'failed' && job.error) {
        const said = errorLines(text, job.error);
        term.line(term.red(`${said.prefix}: ${said.title}`));
        if (said.more) term.line(`  ${said.more}`);
      }
    } else if (event === 'job:progress') {
      const { jobId, progress: p } = payload as { jobId: string; progress: JobProgress };
      if (wanted(jobId)) progress(jobId, p);
    } else if (event === 'job:log') {
      const line = payload as LogLike & { jobId: string; level: LogLevel };
      // A job's error line is its failure, which the 'failed' state line prints with the hint.
      if (!wanted(line.jobId) || (line.level !== 'warn' && !o.verbose)) return;
      term.line(logLineOut(text, term, line.level, line));
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
