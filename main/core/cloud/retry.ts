/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * wait a uniform random time in [0, min(cap, base·2^attempt)]. Full jitter spreads a crowd of
 * clients that lost the server at the same moment, which is exactly a flaky Wi-Fi café or a
 * restarting server. A server's Retry-After (429/503) is honoured up to the cap.
 */
import { CancelledError } from '../errors.js';

export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export function backoffDelay(
  attempt: number,
  p: Pick<RetryPolicy, 'baseMs' | 'maxMs' | 'random'>,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(p.maxMs, p.baseMs * 2 ** attempt);
  const jittered = Math.floor(p.random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.min(p.maxMs, Math.max(jittered, retryAfterMs));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails for good (`isTransient` says no), or runs out of
 * retries; the last error is rethrown as it was. A cancelled wait rejects with CancelledError.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  isTransient: (e: unknown) => { transient: boolean; retryAfterMs?: number },
  policy: RetryPolicy,
  opts: { signal?: AbortSignal; onRetry?: (n: number, delayMs: number, e: unknown) => void } = {},
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      const t = isTransient(e);
      if (!t.transient || n >= policy.retries || opts.signal?.aborted) throw e;
      const delay = backoffDelay(n, policy, t.retryAfterMs);
      opts.onRetry?.(n + 1, delay, e);
      await policy.sleep(delay, opts.signal);
    }
  }
}
