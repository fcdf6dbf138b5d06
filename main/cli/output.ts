/**
 * What the CLI shows while a job runs: a live bar on a terminal, plain lines otherwise (logs, CI,
 * a rig's journal), and nothing but the final JSON object with --json. Never a token.
 */
import cliProgress from 'cli-progress';
import { formatBytes } from '../core/format-bytes.js';
import type { Job, JobEvent } from '../core/jobs/types.js';

export interface Reporter {
  onEvent(e: JobEvent): void;
  stop(): void;
}

function eta(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '--:--';
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.round(s % 60)).padStart(2, '0')}`;
}

export function createReporter(opts: {
  json: boolean;
  tty: boolean;
  write?: (line: string) => void;
}): Reporter {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (opts.json) return { onEvent: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let lastLine = 0;
  const lastState = new Map<string, string>();
  const ensureBar = () => {
    if (!bar && opts.tty) {
      bar = new cliProgress.SingleBar(
        {
          format: '{bar} {percentage}% | {done} of {total} | {rate}/s | ETA {eta} | {stage}',
          hideCursor: true,
          clearOnComplete: false,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(1000, 0, { done: '0 B', total: '?', rate: '0 B', eta: '--:--', stage: '' });
    }
    return bar;
  };
  return {
    onEvent(e) {
      if (e.type === 'job:state') {
        if (lastState.get(e.job.id) === e.job.state + (e.job.rawStatus ?? '')) return;
        lastState.set(e.job.id, e.job.state + (e.job.rawStatus ?? ''));
        bar?.stop();
        bar = undefined;
        write(
          `${e.job.projectName || e.job.id}: ${e.job.state}${e.job.rawStatus ? ` (${e.job.rawStatus})` : ''}`,
        );
      } else if (e.type === 'job:log') {
        if (e.level !== 'info' || !opts.tty) {
          bar?.stop();
          bar = undefined;
          write(`${e.level === 'info' ? '' : `${e.level}: `}${e.message}`);
        }
      } else {
        const p = e.progress;
        const fields = {
          done: formatBytes(p.bytesDone),
          total: formatBytes(p.bytesTotal),
          rate: formatBytes(p.rate),
          eta: eta(p.etaSeconds),
          stage: p.stage ?? '',
        };
        const b = ensureBar();
        if (b) b.update(Math.round(p.fraction * 1000), fields);
        else if (Date.now() - lastLine > 2000) {
          lastLine = Date.now();
          write(
            `${(p.fraction * 100).toFixed(1)}% ${fields.done} of ${fields.total} at ${fields.rate}/s, ETA ${fields.eta} ${fields.stage}`,
          );
        }
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** The one JSON object `--json` prints at the end. */
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
    error: job.error ?? null,
  };
}
