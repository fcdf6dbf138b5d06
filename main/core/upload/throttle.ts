/** Bandwidth cap shared by all parts in flight: a token bucket with a small burst allowance. */
import { setTimeout as sleep } from 'node:timers/promises';

const BURST_MS = 200;

export function createThrottle(
  bytesPerSec: number,
  now: () => number = Date.now,
): (n: number, signal: AbortSignal) => Promise<void> {
  let next = now();
  return async (n, signal) => {
    const t = now();
    next = Math.max(next, t - BURST_MS) + (n * 1000) / bytesPerSec;
    const wait = next - t;
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  };
}
