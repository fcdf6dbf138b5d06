/**
 * fuzz: the photo scanner's zip reader on mutated zips (issue 8, item 4): truncated archives, bytes
 * overwritten anywhere, central-directory fields that lie (sizes, offsets, name lengths, zip64
 * markers 0xFFFFFFFF) and end records that claim huge entry counts. Whatever the bytes, scanSources
 * either reads what it can or fails with one of our typed errors; never a TypeError/RangeError, never
 * a hang. Seeded by vitest.setup.ts; `npm run fuzz` raises FUZZ_RUNS.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ScanBridgeError } from '../errors.js';
import { scanSources } from './scan.js';
import { makeJpeg } from './testing/make-jpeg.js';

const RUNS = Math.min(Number(process.env.FUZZ_RUNS) || 150, 5000);
let dir: string;
let base: Buffer;
let eocd: number;
let cdEntries: number[];

async function buildZip(): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (let i = 0; i < 4; i++) {
    const jpeg = makeJpeg({ width: 64 + i * 8, height: 48 });
    // Two stored, two deflated: both read paths of the scanner.
    z.addBuffer(jpeg, `scan/IMG_${i}.jpg`, { compress: i % 2 === 1, mtime: new Date(2024, 0, 2) });
  }
  z.addBuffer(Buffer.from('notes'), 'scan/readme.txt', { mtime: new Date(2024, 0, 2) });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-zipfuzz-'));
  base = await buildZip();
  eocd = base.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  cdEntries = [];
  for (let at = base.readUInt32LE(eocd + 16); base.readUInt32LE(at) === 0x02014b50;) {
    cdEntries.push(at);
    at += 46 + base.readUInt16LE(at + 28) + base.readUInt16LE(at + 30) + base.readUInt16LE(at + 32);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Central directory fields: [offset within the record, width in bytes].
const CD_FIELDS = {
  method: [10, 2],
  crc: [16, 4],
  compressedSize: [20, 4],
  uncompressedSize: [24, 4],
  nameLength: [28, 2],
  extraLength: [30, 2],
  localHeaderOffset: [42, 4],
} as const;
const EOCD_FIELDS = {
  entriesOnDisk: [8, 2],
  entriesTotal: [10, 2],
  cdSize: [12, 4],
  cdOffset: [16, 4],
  commentLength: [20, 2],
} as const;

const lie = fc.oneof(fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x7fffffff), fc.nat(0xffffffff), fc.nat(4096));
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({
    kind: fc.constant('cd' as const),
    entry: fc.nat(),
    field: fc.constantFrom(...(Object.keys(CD_FIELDS) as (keyof typeof CD_FIELDS)[])),
    value: lie,
  }),
  fc.record({
    kind: fc.constant('eocd' as const),
    field: fc.constantFrom(...(Object.keys(EOCD_FIELDS) as (keyof typeof EOCD_FIELDS)[])),
    value: lie,
  }),
  // An entry's local header offset pointed at another entry's: overlapping entries.
  fc.record({ kind: fc.constant('overlap' as const), from: fc.nat(), to: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function put(buf: Buffer, at: number, width: 2 | 4, value: number) {
  if (at + width > buf.length) return;
  if (width === 2) buf.writeUInt16LE(value & 0xffff, at);
  else buf.writeUInt32LE(value >>> 0, at);
}

function mutate(muts: Mutation[]): Buffer {
  let buf = Buffer.from(base);
  for (const m of muts) {
    const pick = (n: number) => cdEntries[n % cdEntries.length]!;
    if (m.kind === 'truncate') buf = buf.subarray(0, m.at % (buf.length + 1));
    else if (m.kind === 'byte') {
      if (buf.length > 0) buf[m.at % buf.length] = m.value;
    } else if (m.kind === 'cd') {
      const [off, w] = CD_FIELDS[m.field];
      put(buf, pick(m.entry) + off, w, m.value);
    } else if (m.kind === 'eocd') {
      const [off, w] = EOCD_FIELDS[m.field];
      put(buf, eocd + off, w, m.value);
    } else if (pick(m.from) + 46 <= buf.length) {
      put(buf, pick(m.to) + 42, 4, buf.readUInt32LE(pick(m.from) + 42));
    }
  }
  return buf;
}

async function scanMutated(buf: Buffer, n: number): Promise<unknown> {
  const file = path.join(dir, `m${n}.zip`);
  await writeFile(file, buf);
  try {
    return await scanSources([file]);
  } catch (e) {
    return e;
  } finally {
    await rm(file, { force: true });
  }
}

describe('fuzz: zip reader on mutated zips', () => {
  it('the unmutated zip scans: 4 photos', async () => {
    const r = await scanMutated(base, -1);
    expect(r).not.toBeInstanceOf(Error);
    expect((r as { photos: unknown[] }).photos).toHaveLength(4);
  });

  it('fuzz: truncation, byte flips, lying sizes/offsets, zip64 markers, huge counts → typed errors only', async () => {
    let n = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (muts) => {
        const started = Date.now();
        const r = await scanMutated(mutate(muts), n++);
        if (r instanceof Error) {
          refused += 1;
          // A typed error with a message a person can act on, not a JavaScript crash.
          expect(r, `${r.name}: ${r.message}`).toBeInstanceOf(ScanBridgeError);
          expect(r.message.length).toBeGreaterThan(10);
        } else {
          const res = r as { photos: { size: number }[]; totalBytes: number };
          expect(Array.isArray(res.photos)).toBe(true);
          expect(res.photos.length).toBeLessThanOrEqual(4);
          expect(Number.isFinite(res.totalBytes)).toBe(true);
        }
        expect(Date.now() - started).toBeLessThan(5000);
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(0); // the mutations really break zips, not just touch padding
  });
});
