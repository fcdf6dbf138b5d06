import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_BLOCK, createContentHasher } from './content-hash.js';
import { parseRange } from './download.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Reference with a tiny block so random inputs cross many block boundaries cheaply. */
function referenceHash(data: Buffer, block: number): string {
  const digests: Buffer[] = [];
  for (let o = 0; o < data.length; o += block) {
    digests.push(
      createHash('sha256')
        .update(data.subarray(o, o + block))
        .digest(),
    );
  }
  return createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

describe('properties (fuzz)', () => {
  it('the streaming content hash ignores how the body is chunked', () => {
    // Bodies just around one block: the edge cases (exactly one block, one byte over/under).
    const sizes = fc.constantFrom(0, 1, CONTENT_HASH_BLOCK - 1, CONTENT_HASH_BLOCK, CONTENT_HASH_BLOCK + 1);
    const base = Buffer.alloc(CONTENT_HASH_BLOCK + 1);
    for (let i = 0; i < base.length; i++) base[i] = (i * 131) & 0xff;
    fc.assert(
      fc.property(
        sizes,
        fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: 1, maxLength: 6 }),
        (size, cuts) => {
          const data = base.subarray(0, size);
          const h = createContentHasher();
          let off = 0;
          let i = 0;
          while (off < data.length) {
            const n = cuts[i++ % cuts.length]!;
            h.update(data.subarray(off, off + n));
            off += n;
          }
          expect(h.digest()).toBe(referenceHash(data, CONTENT_HASH_BLOCK));
        },
      ),
      { numRuns: RUNS > 200 ? 60 : 15, seed: 42 }, // each run hashes up to 8 MiB,
    );
  });

  it('parseRange never yields a range outside the file', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.string(),
        fc.nat(20_000),
        fc.nat(20_000),
        (size, junk, a, b) => {
          for (const header of [junk, `bytes=${a}-`, `bytes=${a}-${b}`, `bytes=-${b}`, `bytes=${junk}`]) {
            const r = parseRange(header, size);
            if (r === null || r === 'bad') continue;
            expect(r.start).toBeGreaterThanOrEqual(0);
            expect(r.end).toBeLessThan(size);
            expect(r.start).toBeLessThanOrEqual(r.end);
          }
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it('parseRange: open, closed, suffix and unsatisfiable ranges', () => {
    expect(parseRange('bytes=10-', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('bad');
    expect(parseRange('bytes=20-10', 100)).toBe('bad');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});
