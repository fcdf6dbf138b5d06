/**
 * The one retry loop. Whether an error is worth another try is decided once, where it happened, and
 * lives on the error (`retryable`, `retryAfterMs`); this loop only reads it. It stops at the first
 * permanent error, after `retries` extra tries, or when the next wait would outlast any failure
 * budget it carries (see budget.ts), rethrowing the last error as it was.
 *
 * Hand-written rather than p-retry: p-retry (v6/v7) has no Retry-After, no shared failure clock and no
 * injectable clock/sleep, which are the three things this loop is for; what is left is 20 lines.
 */
import { isScanBridgeError } from '../errors.js';
import { backoffDelay, type Backoff } from './backoff.js';
import type { FailureBudget } from './budget.js';
import { abortableSleep } from './sleep.js';

export interface RetryPolicy extends Backoff {
  /** Extra tries after the first. */
  retries: number;
}

export interface RetryOptions {
  signal?: AbortSignal | undefined;
  /** Failure clocks (the job's, a part's): the loop gives up when any would run out during a wait. */
  budgets?: readonly (FailureBudget | undefined)[];
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** For calls that bring no policy of their own: ~30 s of tries at most, fewer when a budget is shorter. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 500, maxMs: 15_000 };

export function isRetryable(e: unknown): boolean {
  return isScanBridgeError(e) && e.retryable;
}

export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  opts: RetryOptions = {},
): Promise<T> {
  const budgets = (opts.budgets ?? []).filter((b): b is FailureBudget => b !== undefined);
  const sleep = opts.sleep ?? abortableSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      const value = await fn(attempt);
      for (const b of budgets) b.succeeded();
      return value;
    } catch (e) {
      if (!isRetryable(e) || opts.signal?.aborted) throw e;
      for (const b of budgets) b.failed();
      if (attempt >= policy.retries) throw e;
      const retryAfterMs = isScanBridgeError(e) ? e.retryAfterMs : undefined;
      const delayMs = backoffDelay(attempt, policy, retryAfterMs);
      if (budgets.some((b) => b.remainingMs() <= delayMs)) throw e;
      opts.onRetry?.({ attempt: attempt + 1, delayMs, error: e });
      await sleep(delayMs, opts.signal);
    }
  }
}
