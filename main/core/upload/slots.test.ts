import { describe, expect, it } from 'vitest';
import { Slots } from './slots.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Slots', () => {
  it('gives out n at once, then in order, retries first; a release counts once', async () => {
    const slots = new Slots(2);
    const got: string[] = [];
    const take = (name: string, front = false) =>
      slots.acquire(front).then((release) => {
        got.push(name);
        return release;
      });
    const a = take('a');
    const b = take('b');
    const c = take('c');
    const d = take('d');
    const retry = take('retry', true);
    await tick();
    expect(got).toEqual(['a', 'b']);
    const ra = await a;
    ra();
    ra(); // twice: still one slot
    await tick();
    expect(got).toEqual(['a', 'b', 'retry']);
    (await b)();
    await tick();
    expect(got).toEqual(['a', 'b', 'retry', 'c']);
    (await retry)();
    (await c)();
    await tick();
    expect(got).toEqual(['a', 'b', 'retry', 'c', 'd']);
    (await d)();
    // Everything back: two at once again.
    const e = take('e');
    const f = take('f');
    await tick();
    expect(got.slice(-2)).toEqual(['e', 'f']);
    void e;
    void f;
  });
});
