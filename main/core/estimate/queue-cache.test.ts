import { describe, expect, it } from 'vitest';
import { createQueueCache } from './queue-cache.js';

describe('createQueueCache', () => {
  it('answers at once, fetches in the background at most once per max age, keeps the last value on failure', async () => {
    let t = 0;
    let calls = 0;
    const answers: (number | Error)[] = [120, new Error('offline'), 300];
    const cache = createQueueCache(
      () => {
        const a = answers[calls++]!;
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
      },
      { maxAgeMs: 1000, now: () => t },
    );
    expect(cache.get()).toBeUndefined(); // never waits for the network
    await Promise.resolve();
    expect(cache.get()).toBe(120);
    expect(calls).toBe(1); // still fresh
    t = 1000;
    expect(cache.get()).toBe(120);
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.get()).toBe(120); // the failed refresh kept the old value
    expect(calls).toBe(2);
    t = 2000;
    cache.get();
    await Promise.resolve();
    expect(cache.get()).toBe(300);
  });
});
