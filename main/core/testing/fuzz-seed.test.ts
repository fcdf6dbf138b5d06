/** CI runs every property test with a fixed seed (vitest.setup.ts); this fails if that setup is not loaded. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('property tests are reproducible', () => {
  it('fast-check has a fixed global seed', () => {
    const seed = fc.readConfigureGlobal().seed;
    expect(typeof seed).toBe('number');
    const expected = Number(process.env.FUZZ_SEED) || 20261123;
    expect(seed).toBe(expected);
  });

  it('the same seed draws the same values', () => {
    const draw = () => fc.sample(fc.string(), { numRuns: 5, seed: fc.readConfigureGlobal().seed });
    expect(draw()).toEqual(draw());
  });
});
