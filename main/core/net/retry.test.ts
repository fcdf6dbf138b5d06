/** The one retry: backoff bounds, Retry-After, failure budgets, abort, and retryability read from the error only. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadResponseError, CancelledError, NetworkError, ServerError } from '../errors.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { createFailureBudget } from './budget.js';
import { retry } from './retry.js';
import { abortableSleep } from './sleep.js';

/** A fake clock whose sleep moves time instead of waiting. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

describe('backoff and sleep', () => {
  it('stays within [0, min(cap, base·2^attempt)) for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const d = backoffDelay(attempt, { baseMs: 500, maxMs: 8000, random: () => r });
          return d >= 0 && d < Math.min(8000, 500 * 2 ** attempt) && Number.isInteger(d);
        },
      ),
    );
  });

  it('waits at least Retry-After, but never beyond the cap', () => {
    expect(backoffDelay(0, { baseMs: 500, maxMs: 8000, random: () => 0 }, 2000)).toBe(2000);
    expect(backoffDelay(0, { baseMs: 500, maxMs: 8000, random: () => 0 }, 600_000)).toBe(8000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('an aborted sleep rejects with CancelledError at once', async () => {
    const ac = new AbortController();
    const p = abortableSleep(60_000, ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('retry', () => {
  const policy = { retries: 5, baseMs: 100, maxMs: 1000, random: () => 0.5 };

  it('retries a retryable error and returns the first success', async () => {
    const c = fakeClock();
    let calls = 0;
    const v = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new ServerError('503', 503);
        return 'ok';
      },
      policy,
      { sleep: c.sleep },
    );
    expect(v).toBe('ok');
    expect(calls).toBe(3);
    expect(c.waits).toEqual([50, 100]);
  });

  it('fails at once on a permanent error (retryable is read from the error, nowhere else)', async () => {
    let calls = 0;
    const e = new BadResponseError('redirect loop');
    await expect(
      retry(async () => {
        calls++;
        throw e;
      }, policy),
    ).rejects.toBe(e);
    expect(calls).toBe(1);
  });

  it('stops after `retries` extra tries and rethrows the last error as it was', async () => {
    const c = fakeClock();
    let calls = 0;
    const errors: Error[] = [];
    const thrown = await retry(
      async () => {
        calls++;
        const e = new NetworkError(`cut ${calls}`);
        errors.push(e);
        throw e;
      },
      policy,
      { sleep: c.sleep },
    ).catch((e: unknown) => e);
    expect(thrown).toBe(errors.at(-1));
    expect(calls).toBe(6);
  });

  it("honours the server's Retry-After (up to the cap)", async () => {
    const c = fakeClock();
    let calls = 0;
    await retry(
      async () => {
        if (calls++ === 0) throw new ServerError('429', 429, undefined, 700);
        return 1;
      },
      policy,
      { sleep: c.sleep },
    );
    expect(c.waits).toEqual([700]);
  });

  it('gives up when the failure budget would run out during the next wait, whatever the retry count', async () => {
    const c = fakeClock();
    const budget = createFailureBudget(2_000, c.now);
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          c.advance(300); // each try takes 300 ms
          throw new NetworkError('down');
        },
        { retries: 1000, baseMs: 100, maxMs: 400, random: () => 0.99 },
        { sleep: c.sleep, budgets: [budget] },
      ),
    ).rejects.toBeInstanceOf(NetworkError);
    // The clock starts at the first failure (t=300): ≤ 2 s of failing plus one try.
    expect(c.now()).toBeLessThanOrEqual(300 + 2_000 + 300);
    expect(calls).toBeLessThan(10);
    expect(budget.remainingMs()).toBeLessThan(400);
  });

  it('a success resets the shared budget, so a long job that keeps moving never runs out', async () => {
    const c = fakeClock();
    const budget = createFailureBudget(1_000, c.now);
    for (let round = 0; round < 20; round++) {
      let first = true;
      await retry(
        async () => {
          c.advance(200);
          if (first) {
            first = false;
            throw new NetworkError('blip');
          }
          return round;
        },
        policy,
        { sleep: c.sleep, budgets: [budget] },
      );
    }
    expect(c.now()).toBeGreaterThan(1_000 * 4);
    expect(budget.remainingMs()).toBe(1_000);
  });

  it('a cancel during the wait ends it with CancelledError', async () => {
    const ac = new AbortController();
    const p = retry(
      async () => {
        throw new NetworkError('down');
      },
      { retries: 5, baseMs: 60_000, maxMs: 60_000, random: () => 0.99 },
      { signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 10);
    await expect(p).rejects.toBeInstanceOf(CancelledError);
  });

  it('property: the number of tries never exceeds retries + 1 and never passes the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 100, max: 50_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        async (retries, limitMs, tryMs) => {
          const c = fakeClock();
          const budget = createFailureBudget(limitMs, c.now);
          let calls = 0;
          await retry(
            async () => {
              calls++;
              c.advance(tryMs);
              throw new ServerError('500', 500);
            },
            { retries, baseMs: 50, maxMs: 2_000 },
            { sleep: c.sleep, budgets: [budget] },
          ).catch(() => undefined);
          return calls <= retries + 1 && c.now() <= tryMs + limitMs + tryMs;
        },
      ),
      { numRuns: 200 },
    );
  });
});
