import { describe, expect, it } from 'vitest';
import { burstBytes, createThrottle, slices, type ThrottleClock } from './throttle.js';

/** Virtual time: sleeps resolve in time order when the test advances the clock; no real waiting. */
function virtualClock(): ThrottleClock & { run: () => Promise<void> } {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const flush = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    async run() {
      for (;;) {
        await flush();
        if (timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at);
        const t = timers.shift()!;
        now = Math.max(now, t.at);
        t.resolve();
      }
    },
  };
}

/** Largest excess over rate·window among all windows spanning releases i..j. */
function worstExcess(releases: { t: number; n: number }[], bytesPerSec: number): number {
  releases.sort((a, b) => a.t - b.t);
  let worst = 0;
  for (let i = 0; i < releases.length; i++) {
    let sum = 0;
    for (let j = i; j < releases.length; j++) {
      sum += releases[j]!.n;
      const w = (releases[j]!.t - releases[i]!.t) / 1000;
      worst = Math.max(worst, sum - bytesPerSec * w);
    }
  }
  return worst;
}

describe('createThrottle', () => {
  it.each([800_000, 4 * 1024 * 1024, 50_000_000])(
    'at %d B/s, 3 concurrent writers never exceed rate·window + one burst, and keep the rate',
    async (rate) => {
      const clock = virtualClock();
      const throttle = createThrottle(rate, clock);
      const burst = throttle.maxChunk;
      expect(burst).toBe(burstBytes(rate));
      const releases: { t: number; n: number }[] = [];
      const signal = new AbortController().signal;
      const writer = async (total: number): Promise<void> => {
        // 1 MiB read chunks, cut to the burst like uploadPart does.
        for (let left = total; left > 0; left -= 1024 * 1024) {
          for (const piece of slices(Buffer.alloc(Math.min(left, 1024 * 1024)), burst)) {
            await throttle(piece.length, signal);
            releases.push({ t: clock.now(), n: piece.length });
          }
        }
      };
      const total = 3 * 1024 * 1024 + 12345;
      const all = Promise.all([writer(total), writer(total), writer(total)]);
      await clock.run();
      await all;
      const bytes = releases.reduce((s, r) => s + r.n, 0);
      expect(bytes).toBe(3 * total);
      expect(worstExcess(releases, rate)).toBeLessThanOrEqual(burst + 1e-6 * rate);
      // …and not needlessly slow: the whole transfer takes (bytes − burst)/rate, to within 1 %.
      const last = Math.max(...releases.map((r) => r.t));
      expect(last / 1000).toBeGreaterThanOrEqual((bytes - burst) / rate - 1e-6);
      expect(last / 1000).toBeLessThanOrEqual(((bytes - burst) / rate) * 1.01);
    },
  );

  it('starts with only one burst: the first second carries at most rate + burst', async () => {
    const clock = virtualClock();
    const rate = 800_000;
    const throttle = createThrottle(rate, clock);
    const releases: number[] = [];
    const signal = new AbortController().signal;
    const go = (async () => {
      for (const piece of slices(Buffer.alloc(3 * 1024 * 1024), throttle.maxChunk)) {
        await throttle(piece.length, signal);
        releases.push(clock.now());
      }
    })();
    await clock.run();
    await go;
    const firstSecond = releases.filter((t) => t <= 1000).length * throttle.maxChunk;
    expect(firstSecond).toBeLessThanOrEqual(rate + throttle.maxChunk);
    expect(throttle.maxChunk).toBeLessThanOrEqual(rate * 0.1 + 1);
  });

  it('an idle period refills at most one burst', async () => {
    const clock = virtualClock();
    const throttle = createThrottle(1_000_000, clock);
    const signal = new AbortController().signal;
    await throttle(throttle.maxChunk, signal); // the initial burst
    const t0 = clock.now();
    const p = (async () => {
      // long idle: nothing for 10 virtual seconds, then 3 bursts
      await clock.sleep(10_000, signal);
      const start = clock.now();
      for (let i = 0; i < 3; i++) await throttle(throttle.maxChunk, signal);
      return clock.now() - start;
    })();
    await clock.run();
    const took = await p;
    expect(clock.now() - t0).toBeGreaterThanOrEqual(10_000);
    // first burst free, the next two each cost one burst's worth of time (100 ms at this rate)
    expect(took).toBeCloseTo(200, 5);
  });

  it('rejects a non-positive cap, and slices without copying', () => {
    expect(() => createThrottle(0)).toThrow(RangeError);
    const b = Buffer.from('abcdefghij');
    const s = slices(b, 4);
    expect(s.map((x) => x.toString())).toEqual(['abcd', 'efgh', 'ij']);
    expect(s[0]!.buffer).toBe(b.buffer);
    expect(slices(b, 100)).toEqual([b]);
  });
});
