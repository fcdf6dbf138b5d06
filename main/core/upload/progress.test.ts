import { describe, expect, it } from 'vitest';
import { ProgressMeter, type UploadProgress } from './progress.js';

/** A meter on a clock the test moves; `send(bytes, ms)` adds bytes and ticks as the timer would. */
function meter(total = 10_000_000) {
  let t = 0;
  const seen: UploadProgress[] = [];
  const m = new ProgressMeter(
    { bytesTotal: total, partsTotal: 10 },
    { bytes: 0, parts: 0 },
    (p) => seen.push(p),
    () => t,
  );
  return {
    seen,
    send(bytes: number, ms: number) {
      t += ms;
      m.add(bytes);
      m.tick(false);
    },
  };
}

describe('the upload rate a person sees', () => {
  it('is not the start’s burst: nothing for the first second, then the average over it', () => {
    const m = meter();
    // A 0.4 MB/s cap with its 40 KB burst: 80 KB in the first 100 ms, then 40 KB per 100 ms.
    m.send(80_000, 100);
    expect(m.seen.at(-1)!.rate).toBe(0);
    expect(m.seen.at(-1)!.etaSeconds).toBeUndefined();
    for (let i = 0; i < 9; i++) m.send(40_000, 100);
    const first = m.seen.at(-1)!;
    // 440 KB in 1 s: within one burst of the cap (seeded from the first tick it said 800 KB/s).
    expect(first.rate).toBe(440_000);
    expect(first.etaSeconds).toBe(Math.ceil((10_000_000 - 440_000) / 440_000));
    // And towards the cap as the EWMA forgets the first second (τ = 3 s).
    for (let i = 0; i < 60; i++) m.send(40_000, 100);
    expect(Math.abs(m.seen.at(-1)!.rate - 400_000)).toBeLessThan(10_000);
  });

  it('falls when the upload stalls (a heartbeat each second)', () => {
    const m = meter();
    for (let i = 0; i < 20; i++) m.send(40_000, 100);
    const before = m.seen.at(-1)!.rate;
    m.send(0, 1000);
    expect(m.seen.at(-1)!.rate).toBeLessThan(before);
  });
});
