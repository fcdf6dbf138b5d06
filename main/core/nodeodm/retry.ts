/**
 * Retry with exponential backoff and jitter, for calls that are safe to repeat. Only errors marked
 * `retryable` (network cuts, HTTP 5xx, timeouts) are retried; a cancel stops the wait at once.
 */
import { CancelledError, isScanBridgeError } from '../errors.js';

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, minDelayMs: 500, maxDelayMs: 15_000 };

export function backoffDelay(attempt: number, p: Pick<RetryPolicy, 'minDelayMs' | 'maxDelayMs'>): number {
  const base = Math.min(p.maxDelayMs, p.minDelayMs * 2 ** attempt);
  // Jitter keeps parallel uploads (and many clients of one node) from retrying in lockstep.
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function isRetryable(e: unknown): boolean {
  return isScanBridgeError(e) && e.retryable;
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  opts: {
    signal?: AbortSignal | undefined;
    onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
  } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!isRetryable(e) || attempt >= policy.retries || opts.signal?.aborted) throw e;
      const delay = backoffDelay(attempt, policy);
      opts.onRetry?.(e, attempt + 1, delay);
      await sleep(delay, opts.signal);
    }
  }
}
