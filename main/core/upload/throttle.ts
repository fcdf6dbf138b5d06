/**
 * Bandwidth cap shared by all parts in flight: a token bucket (GCRA form) with a small burst.
 *
 * Why it overshot before: the cap was paid per read chunk (1 MiB), so at 0.8 MB/s each release put
 * 1.3 s worth of bytes on the wire at once, and a short upload measured from its first byte ran at
 * ~1.3× the cap. Now callers split writes into slices of at most `maxChunk` (the burst), the bucket
 * starts holding only that burst, and the guarantee is: in any window of w seconds, released bytes
 * ≤ rate·w + burst.
 */
import { setTimeout as sleepTimer } from 'node:timers/promises';

/** Burst allowance, in time at the capped rate. */
const BURST_MS = 100;
/** Floor for the burst (and slice) size: tiny writes cost CPU for nothing. */
const MIN_BURST = 16 * 1024;
/** Ceiling: above this the cap is so high that slicing reads further gains nothing. */
const MAX_BURST = 1024 * 1024;

export interface Throttle {
  /** Resolves once `n` bytes (n ≤ maxChunk) may be written; returns early (no throw) on abort. */
  (n: number, signal: AbortSignal): Promise<void>;
  /** Largest write the caller may make per call: the burst. Bigger chunks must be split. */
  readonly maxChunk: number;
}

export interface ThrottleClock {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

const realClock: ThrottleClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleepTimer(ms, undefined, { signal }).catch(() => undefined),
};

export function burstBytes(bytesPerSec: number): number {
  return Math.round(Math.min(MAX_BURST, Math.max(MIN_BURST, (bytesPerSec * BURST_MS) / 1000)));
}

export function createThrottle(bytesPerSec: number, clock: ThrottleClock = realClock): Throttle {
  if (!(bytesPerSec > 0)) throw new RangeError(`bandwidth cap must be positive, got ${bytesPerSec}`);
  const burst = burstBytes(bytesPerSec);
  const burstMs = (burst * 1000) / bytesPerSec;
  // Theoretical arrival time of the next byte: starts at "now", i.e. a full bucket of one burst.
  let tat = clock.now();
  const fn = async (n: number, signal: AbortSignal): Promise<void> => {
    const t = clock.now();
    // Reserve synchronously, so concurrent parts queue in call order and never share one allowance.
    tat = Math.max(tat, t) + (n * 1000) / bytesPerSec;
    const release = tat - burstMs;
    if (release > t) await clock.sleep(release - t, signal);
  };
  return Object.assign(fn, { maxChunk: burst });
}

/** Splits a chunk into views of at most `max` bytes (no copies). */
export function slices(chunk: Buffer, max: number): Buffer[] {
  if (chunk.length <= max) return [chunk];
  const out: Buffer[] = [];
  for (let off = 0; off < chunk.length; off += max) out.push(chunk.subarray(off, off + max));
  return out;
}
