import { describe, expect, it } from 'vitest';
import { decimate } from './decimate.js';

describe('decimate', () => {
  it('keeps everything at or under the budget', () => {
    const positions = new Float32Array([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const r = decimate({ positions }, 3);
    expect(r.shown).toBe(3);
    expect(r.total).toBe(3);
    expect(r.positions).toBe(positions);
  });

  it('takes a uniform stride above the budget, keeping colours aligned with positions', () => {
    const n = 10;
    const positions = new Float32Array(n * 3).map((_, i) => Math.floor(i / 3));
    const colors = new Float32Array(n * 3).map((_, i) => Math.floor(i / 3) / 10);
    const r = decimate({ positions, colors }, 4);
    // stride ceil(10/4) = 3 → points 0, 3, 6, 9
    expect(r.shown).toBe(4);
    expect(r.total).toBe(10);
    expect([...r.positions]).toEqual([0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9]);
    expect([...r.colors!].map((c) => Math.round(c * 10))).toEqual([0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9]);
    expect(r.normals).toBeUndefined();
  });
});
