/**
 * NodeODM's status codes and 0–100 progress as the UI's BackendStatus, and a follower that polls a
 * task with backoff until it ends, waiting out a node that is down instead of failing the job.
 */
import type { BackendStatus } from '../jobs/backend.js';
import type { NodeOdmClient } from './client.js';
import { TASK_STATUS, type TaskInfo } from './types.js';
import { isRetryable } from '../net/retry.js';
import { abortableSleep as sleep } from '../net/sleep.js';
import { sanitize } from '../sanitize.js';

const RAW: Record<number, string> = {
  10: 'queued',
  20: 'running',
  30: 'failed',
  40: 'completed',
  50: 'canceled',
};

export function toBackendStatus(info: TaskInfo): BackendStatus {
  const code = info.status.code;
  const raw = `${RAW[code] ?? 'unknown'} (${code})`;
  const progress = info.progress / 100;
  switch (code) {
    case TASK_STATUS.QUEUED:
      return { phase: 'queued', raw, progress, resultReady: false };
    case TASK_STATUS.RUNNING:
      return { phase: 'processing', raw, progress, resultReady: false };
    case TASK_STATUS.FAILED:
      return {
        phase: 'failed',
        raw,
        progress,
        resultReady: false,
        message: info.status.errorMessage || 'The node reports the task failed; see its console output.',
        ...(info.status.errorMessage ? { said: sanitize(info.status.errorMessage, 300) } : {}),
      };
    case TASK_STATUS.COMPLETED:
      return { phase: 'done', raw, progress: 1, resultReady: true };
    case TASK_STATUS.CANCELED:
      return {
        phase: 'cancelled',
        raw,
        progress,
        resultReady: false,
        message: 'The task was canceled on the node.',
      };
    default:
      return { phase: 'unknown', raw, progress, resultReady: false };
  }
}

/**
 * The line of a failed task's console that says why, for the person (sanitised): ODM's own `[ERROR]`
 * line, else the last line that names an error; undefined when none does (the dump's "Child returned 1"
 * traceback says nothing a person can act on, so an [ERROR] line before it wins).
 */
export function lastErrorLine(lines: readonly string[]): string | undefined {
  const clean = lines.map((l) => l.trim()).filter(Boolean);
  const odm = clean.filter((l) => /^\[ERROR\]/.test(l)).at(-1);
  const line =
    odm?.replace(/^\[ERROR\]\s*/, '') ?? clean.filter((l) => /(error|exception)\b/i.test(l)).at(-1);
  return line ? sanitize(line, 300) : undefined;
}

export const isTerminal = (s: BackendStatus): boolean =>
  s.phase === 'done' || s.phase === 'failed' || s.phase === 'cancelled';

export interface FollowOptions {
  signal?: AbortSignal | undefined;
  /** First and longest pause between polls (ms). The pause grows while nothing changes. */
  minIntervalMs?: number;
  maxIntervalMs?: number;
  onStatus?: (s: BackendStatus) => void;
  /** Called when the node cannot be reached; following continues after a backoff. */
  onUnreachable?: (e: unknown, nextTryMs: number) => void;
}

/** Polls until the task ends. Network failures wait and retry; a task the node forgot throws. */
export async function followTask(
  client: NodeOdmClient,
  uuid: string,
  opts: FollowOptions = {},
): Promise<BackendStatus> {
  const min = opts.minIntervalMs ?? 1000;
  const max = opts.maxIntervalMs ?? 30_000;
  let interval = min;
  let last = '';
  for (;;) {
    try {
      const s = toBackendStatus(await client.taskInfo(uuid, { signal: opts.signal }));
      opts.onStatus?.(s);
      if (isTerminal(s)) return s;
      const key = `${s.raw}:${s.progress}`;
      interval = key === last ? Math.min(max, interval * 1.5) : min;
      last = key;
    } catch (e) {
      if (!isRetryable(e)) throw e;
      interval = Math.min(max, interval * 2);
      opts.onUnreachable?.(e, interval);
    }
    await sleep(interval, opts.signal);
  }
}
