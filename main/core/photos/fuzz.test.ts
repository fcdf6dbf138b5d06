/** Property tests (fast-check). `npm run fuzz` raises FUZZ_RUNS; the default keeps CI quick. */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../format-bytes.js';
import { jpegLooksTruncated, jpegSize, pngSize, sniff } from './sniff.js';
import { jpegHeader } from './testing/make-jpeg.js';
import { unsafeEntryName } from './zip-source.js';

const BYTES = /^(\d{1,3} bytes?|(\d\.\d\d|\d\d\.\d|\d\d\d) (kB|MB|GB|TB|PB))$/;
const numRuns = Number(process.env.FUZZ_RUNS) || 300; // unset or empty: 300

describe('fuzz: header parsers', () => {
  it('fuzz: sniff, jpegSize, pngSize and the truncation check never throw on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (arr) => {
        const b = Buffer.from(arr);
        const withSoi = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), b]);
        expect(() => [
          sniff(b),
          sniff(withSoi),
          jpegSize(withSoi),
          pngSize(b),
          jpegLooksTruncated(b),
        ]).not.toThrow();
        expect(sniff(withSoi)).toEqual({ kind: 'photo', format: 'jpeg' });
      }),
      { numRuns },
    );
  });

  it('fuzz: jpegSize finds the dimensions the encoder wrote', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65535 }),
        fc.integer({ min: 1, max: 65535 }),
        fc.option(fc.string({ maxLength: 40 })),
        (w, h, make) => {
          const header = jpegHeader({ width: w, height: h, ...(make === null ? {} : { make }) });
          expect(jpegSize(header)).toEqual({ width: w, height: h });
        },
      ),
      { numRuns: Math.min(numRuns, 200) },
    );
  });
});

describe('fuzz: zip entry names', () => {
  it('fuzz: a name judged safe never resolves outside the extraction folder', () => {
    const segment = fc.constantFrom('..', '.', 'a', 'IMG_1.jpg', '', 'C:', 'x\\..', '\\', '..\\..', '~', 'ü');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segs, lead) => {
        const name = (lead ? '/' : '') + segs.join('/');
        if (unsafeEntryName(name) !== undefined) return;
        const root = path.posix.resolve('/extract/here');
        const target = path.posix.resolve(root, name.replace(/\\/g, '/'));
        expect(target === root || target.startsWith(root + '/')).toBe(true);
      }),
      { numRuns },
    );
  });
});

describe('fuzz: sizes', () => {
  it('fuzz: formatBytes keeps three significant digits and a known unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(BYTES.test(formatBytes(n)), formatBytes(n)).toBe(true);
      }),
      { numRuns },
    );
  });
});
