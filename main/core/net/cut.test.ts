/** Retry timing after a cut connection: the first retry at once, backoff from the second failure on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { isCutCode, retryDelay } from './cut.js';

describe('retryDelay', () => {
  it('retries a first cut at once; from the second failure it backs off as from the first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.001, max: 0.999999, noNaN: true }),
        (failures, r) => {
          const b = { baseMs: 1000, maxMs: 30_000, random: () => r };
          const cut = retryDelay(failures, true, b);
          const other = retryDelay(failures, false, b);
          expect(other).toBe(backoffDelay(failures - 1, b));
          expect(cut).toBe(failures === 1 ? 0 : backoffDelay(failures - 2, b));
          if (failures > 1) expect(cut).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("a server's Retry-After still holds, cut or not", () => {
    const b = { baseMs: 1000, maxMs: 30_000, random: () => 0 };
    expect(retryDelay(1, true, b, 5000)).toBe(5000);
    expect(retryDelay(2, true, b, 5000)).toBe(5000);
  });

  it('counts resets and broken pipes as cuts, not refusals, lookups or timeouts', () => {
    for (const c of ['ECONNRESET', 'EPIPE', 'ECONNABORTED']) expect(isCutCode(c)).toBe(true);
    for (const c of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', undefined])
      expect(isCutCode(c)).toBe(false);
  });
});
