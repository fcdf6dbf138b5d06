/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * wait a uniform random time in [0, min(cap, base·2^attempt)]. Full jitter spreads a crowd of
 * clients that lost the server at the same moment (parallel parts, many rigs behind one uplink).
 * A server's Retry-After (429/503) is a floor, honoured up to the cap.
 */
export interface Backoff {
  /** First ceiling (ms); doubles each attempt. */
  baseMs: number;
  /** Largest wait (ms), Retry-After included. */
  maxMs: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, b: Backoff, retryAfterMs?: number): number {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** attempt);
  const jittered = Math.floor((b.random ?? Math.random)() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.min(b.maxMs, Math.max(jittered, retryAfterMs));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
