import { execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { stat, utimes, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { CancelledError, SourceChangedError } from '../errors.js';
import { hasTool } from '../testing/require-tool.js';
import { assignArchiveNames } from './archive-names.js';
import { packEntriesFromPhotos } from './entries.js';
import { contentHash } from './content-hash.js';
import { CrcStore } from './crc-store.js';
import { openPartStream, partChunks } from './part-stream.js';
import { MAX_PART_SIZE, MIN_PART_SIZE } from '../../contract/schemas.js';
import { AUTO_PART_SIZE, AUTO_PARTS_MAX, choosePartSize, planZip } from './plan.js';
import { makeFiles, partBytes, tempDir, wholeZip } from './testing/fixtures.js';
import type { PackEntry } from './types.js';

const MiB = 1024 * 1024;
const hasUnzip = hasTool('unzip', ['-v']);
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});
async function dir(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function fakeEntry(i: number, size: number): PackEntry {
  return {
    source: { kind: 'file', path: `/nowhere/${i}` },
    archiveName: `IMG_${i}.jpg`,
    size,
    mtimeMs: 1_700_000_000_000,
  };
}

/** Our own reader for the end records: proves the planner's zip64 layout without 4 GiB of data. */
function readEnd(
  tail: Buffer,
  totalSize: number,
): { count: number; cdOffset: number; cdSize: number; zip64: boolean } {
  const e = tail.length - 22;
  expect(tail.readUInt32LE(e)).toBe(0x06054b50);
  const count16 = tail.readUInt16LE(e + 10);
  const cdSize32 = tail.readUInt32LE(e + 12);
  const cdOff32 = tail.readUInt32LE(e + 16);
  if (count16 !== 0xffff && cdSize32 !== 0xffffffff && cdOff32 !== 0xffffffff) {
    return { count: count16, cdOffset: cdOff32, cdSize: cdSize32, zip64: false };
  }
  const loc = e - 20;
  expect(tail.readUInt32LE(loc)).toBe(0x07064b50);
  const z64Offset = Number(tail.readBigUInt64LE(loc + 8));
  const z = z64Offset - (totalSize - tail.length);
  expect(tail.readUInt32LE(z)).toBe(0x06064b50);
  return {
    count: Number(tail.readBigUInt64LE(z + 32)),
    cdSize: Number(tail.readBigUInt64LE(z + 40)),
    cdOffset: Number(tail.readBigUInt64LE(z + 48)),
    zip64: true,
  };
}

describe('planZip', () => {
  it('parts cover [0, totalSize) exactly; all but the last are partSize; total adds up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 * MiB }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: MiB, max: 8 * MiB }),
        (sizes, partSize) => {
          const plan = planZip(
            sizes.map((s, i) => fakeEntry(i, s)),
            { partSize },
          );
          let at = 0;
          for (const [i, p] of plan.parts.entries()) {
            expect(p.index).toBe(i);
            expect(p.start).toBe(at);
            if (i < plan.parts.length - 1) expect(p.end - p.start).toBe(partSize);
            else expect(p.end - p.start).toBeLessThanOrEqual(partSize);
            expect(p.end).toBeGreaterThan(p.start);
            at = p.end;
          }
          expect(at).toBe(plan.totalSize);
          const headers = plan.entries.reduce((n, e) => n + e.headerSize + e.entry.size, 0);
          const cd = plan.entries.reduce((n, e) => n + e.cdRecordSize, 0);
          expect(plan.cdSize).toBe(cd);
          expect(plan.totalSize).toBe(headers + cd + 22);
        },
      ),
    );
  });

  it('validates part sizes and inputs', () => {
    const e = [fakeEntry(0, 10)];
    expect(() => planZip(e, { partSize: MiB - 1 })).toThrow(/Part size/);
    expect(() => planZip(e, { partSize: MAX_PART_SIZE + 1 })).toThrow(/Part size/);
    expect(() => planZip(e, { partSize: 1.5 * MiB })).not.toThrow();
    expect(() => planZip([], {})).toThrow(/no photos/);
    expect(() => planZip([fakeEntry(0, 1), fakeEntry(0, 1)])).toThrow(/both be named/);
    expect(planZip(e).partSize).toBe(MAX_PART_SIZE);
  });

  it('uses zip64 records only when needed, and they parse back (fake 5 GiB entry, 70,000 entries)', async () => {
    const small = planZip([fakeEntry(0, 100)]);
    expect(small.zip64EocdOffset).toBeNull();
    expect(small.entries[0]?.zip64Local).toBe(false);

    const crcs = new CrcStore();
    let big = [fakeEntry(0, 5 * 1024 * MiB), fakeEntry(1, 10)];
    for (const b of big) crcs.restore({ [b.archiveName]: 0x12345678 });
    // Grow entry 0 so the central directory starts exactly on a part boundary: the last part reads no file.
    const first = planZip(big, { partSize: MAX_PART_SIZE });
    const grow = Math.ceil(first.cdOffset / MAX_PART_SIZE) * MAX_PART_SIZE - first.cdOffset;
    big = [fakeEntry(0, 5 * 1024 * MiB + grow), fakeEntry(1, 10)];
    const plan = planZip(big, { partSize: MAX_PART_SIZE });
    expect(plan.parts.at(-1)!.start).toBe(plan.cdOffset);
    expect(plan.entries[0]?.zip64Local).toBe(true);
    expect(plan.entries[1]?.headerOffset).toBeGreaterThan(0xffffffff);
    expect(plan.zip64EocdOffset).not.toBeNull();
    // The last part holds the CD and the end records; it only needs CRCs, no file reads.
    const last = await partBytes(plan, plan.parts.length - 1, crcs);
    const end = readEnd(last, plan.totalSize);
    expect(end).toEqual({ count: 2, cdOffset: plan.cdOffset, cdSize: plan.cdSize, zip64: true });
    // Central record of entry 0: sizes in the zip64 extra; entry 1: offset in the zip64 extra.
    const cd = last.subarray(plan.cdOffset - plan.parts.at(-1)!.start);
    expect(cd.readUInt32LE(0)).toBe(0x02014b50);
    expect(cd.readUInt32LE(20)).toBe(0xffffffff);
    const n0 = cd.readUInt16LE(28);
    expect(cd.readUInt16LE(46 + n0)).toBe(1);
    expect(Number(cd.readBigUInt64LE(46 + n0 + 4))).toBe(big[0]!.size);
    const r1 = cd.subarray(plan.entries[1]!.cdRecordOffset);
    expect(r1.readUInt32LE(42)).toBe(0xffffffff);
    const n1 = r1.readUInt16LE(28);
    expect(Number(r1.readBigUInt64LE(46 + n1 + 4))).toBe(plan.entries[1]!.headerOffset);

    const many = Array.from({ length: 70_000 }, (_, i) => fakeEntry(i, 0));
    const crcMany = new CrcStore(Object.fromEntries(many.map((m) => [m.archiveName, 0])));
    const pm = planZip(many, { partSize: MiB });
    expect(pm.zip64EocdOffset).not.toBeNull();
    const z = await wholeZip(pm, crcMany);
    expect(z.length).toBe(pm.totalSize);
    expect(readEnd(z, pm.totalSize)).toEqual({
      count: 70_000,
      cdOffset: pm.cdOffset,
      cdSize: pm.cdSize,
      zip64: true,
    });
    if (hasUnzip) {
      const d = await dir();
      await writeFile(join(d, 'many.zip'), z);
      expect(execFileSync('unzip', ['-t', join(d, 'many.zip')], { maxBuffer: 64 * MiB }).toString()).toMatch(
        /No errors detected/,
      );
    }
  });

  it('choosePartSize: small parts (a cut costs one), enough for the concurrency, bounded link count', () => {
    expect(choosePartSize(300 * MiB, { concurrency: 4 })).toBe(8 * MiB);
    expect(choosePartSize(2e9, { concurrency: 4 })).toBe(8 * MiB);
    expect(choosePartSize(10 * MiB, { concurrency: 4 })).toBe(2 * MiB);
    expect(choosePartSize(100, { concurrency: 4 })).toBe(MIN_PART_SIZE);
    expect(choosePartSize(20e9, { concurrency: 4 })).toBe(39 * MiB);
    expect(choosePartSize(2e9, { concurrency: 4, max: 4 * MiB })).toBe(4 * MiB);
    // A near link (same machine, LAN): large parts, per-part costs are what shows there.
    expect(choosePartSize(2e9, { concurrency: 4, near: true })).toBe(64 * MiB);
    expect(choosePartSize(300 * MiB, { concurrency: 4, near: true })).toBe(38 * MiB);
    expect(choosePartSize(10 * MiB, { concurrency: 4, near: true })).toBe(32 * MiB);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 64 }), (t, c) => {
        const s = choosePartSize(t, { concurrency: c });
        expect(s).toBeGreaterThanOrEqual(MIN_PART_SIZE);
        expect(s).toBeLessThanOrEqual(MAX_PART_SIZE);
        if (s < MAX_PART_SIZE) expect(s % MiB).toBe(0);
        // Never larger than a cut should cost, unless the link list would grow past its bound.
        if (t <= AUTO_PARTS_MAX * AUTO_PART_SIZE) expect(s).toBeLessThanOrEqual(AUTO_PART_SIZE);
        if (s < MAX_PART_SIZE) expect(Math.ceil(t / s)).toBeLessThanOrEqual(AUTO_PARTS_MAX);
        // Small sets: at least two rounds of `c` parts, unless the parts are already the smallest allowed.
        if (s > MIN_PART_SIZE && s < AUTO_PART_SIZE) expect(Math.ceil(t / s)).toBeGreaterThanOrEqual(c);
      }),
    );
  });
});

describe('assignArchiveNames', () => {
  it('flattens, resolves collisions (also by case) deterministically, keeps names safe', () => {
    const names = assignArchiveNames([
      { relPath: 'a/IMG_1.jpg' },
      { relPath: 'b/IMG_1.jpg' },
      { relPath: 'c/img_1.JPG' },
      { relPath: 'd/IMG_1~2.jpg' },
      { relPath: 'e/bad:na*me?.jpg' },
      { relPath: '../../.hidden.jpg' },
      { relPath: 'x/' + 'é'.repeat(300) + '.jpg' },
    ]);
    expect(names.slice(0, 5)).toEqual([
      'IMG_1.jpg',
      'IMG_1~2.jpg',
      'img_1~3.JPG',
      'IMG_1~2~2.jpg',
      'bad_na_me_.jpg',
    ]);
    expect(names[5]).toBe('hidden.jpg');
    expect(Buffer.byteLength(names[6]!)).toBeLessThanOrEqual(200);
    expect(names[6]!.endsWith('.jpg')).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(assignArchiveNames([{ relPath: 'b/IMG_1.jpg' }, { relPath: 'a/IMG_1.jpg' }])).toEqual([
      'IMG_1.jpg',
      'IMG_1~2.jpg',
    ]);
  });
});

describe('packEntriesFromPhotos', () => {
  it('names photos uniquely and keeps an input zip CRC', () => {
    const zipSrc = {
      kind: 'zip' as const,
      zipPath: '/x.zip',
      entryName: 'a/IMG_1.jpg',
      compression: 'store' as const,
      compressedSize: 3,
      localHeaderOffset: 0,
      crc32: 42,
    };
    const out = packEntriesFromPhotos([
      { source: { kind: 'file', path: '/d/IMG_1.jpg' }, relPath: 'd/IMG_1.jpg', size: 3, mtimeMs: 1 },
      { source: zipSrc, relPath: 'a/IMG_1.jpg', size: 3, mtimeMs: 2 },
    ]);
    expect(out.map((e) => e.archiveName)).toEqual(['IMG_1.jpg', 'IMG_1~2.jpg']);
    expect(out[1]).toMatchObject({ source: zipSrc, crc32: 42, size: 3, mtimeMs: 2 });
    expect(out[0]!.crc32).toBeUndefined();
  });
});

describe('part streams', () => {
  it('concatenated parts are a zip unzip -t accepts, byte-identical photos, same bytes on every run', async () => {
    const d = await dir();
    const entries = await makeFiles(d, [
      { name: 'IMG_0001.jpg', size: 2 * MiB + 17 },
      { name: 'Fotoğraf_ünïcödé_日本.jpg', size: 300_000 },
      { name: 'empty.jpg', size: 0 },
      { name: 'IMG_0002.jpg', size: 3 * MiB },
      { name: 'tiny.png', size: 5 },
    ]);
    const plan = planZip(entries, { partSize: MiB });
    expect(plan.parts.length).toBeGreaterThan(4);
    const zip = await wholeZip(plan);
    expect(zip.length).toBe(plan.totalSize);
    const again = await wholeZip(plan);
    expect(contentHash(again)).toBe(contentHash(zip));
    const zipPath = join(d, 'out.zip');
    await writeFile(zipPath, zip);
    if (hasUnzip) {
      expect(execFileSync('unzip', ['-t', zipPath]).toString()).toMatch(/No errors detected/);
      const x = join(d, 'x');
      execFileSync('unzip', ['-q', zipPath, '-d', x]);
      for (const e of entries) {
        const src = e.source.kind === 'file' ? e.source.path : '';
        expect(readFileSync(join(x, e.archiveName)).equals(readFileSync(src))).toBe(true);
      }
    }
    // An independent reader (yauzl) agrees on names (UTF-8 flag) and sizes.
    const names = await listZip(zipPath);
    expect(names).toEqual(entries.map((e) => [e.archiveName, e.size]));
  });

  it('openPartStream gives the same bytes as a Readable and counts them', async () => {
    const d = await dir();
    const entries = await makeFiles(d, [
      { name: 'a.jpg', size: 1.3 * MiB },
      { name: 'b.jpg', size: 0.9 * MiB },
    ]);
    const plan = planZip(entries, { partSize: MiB });
    const crcs = new CrcStore();
    const bufs: Buffer[] = [];
    let counted = 0;
    for (const p of plan.parts) {
      for await (const c of openPartStream(plan, p.index, { crcs, onBytes: (n) => (counted += n) }))
        bufs.push(c as Buffer);
    }
    expect(counted).toBe(plan.totalSize);
    expect(Buffer.concat(bufs).equals(await wholeZip(plan))).toBe(true);
  });

  it('repacks entries from input zips (stored and deflated) byte-identically', async () => {
    const d = await dir();
    const [a, b] = await makeFiles(d, [
      { name: 'a.jpg', size: 1.5 * MiB },
      { name: 'b.jpg', size: 700_000 },
    ]);
    const text = Buffer.from('compressible '.repeat(200_000));
    const yazl = (await import('yazl')).default;
    const zf = new yazl.ZipFile();
    zf.addFile((a!.source as { path: string }).path, 'in/a.jpg', { compress: false });
    zf.addBuffer(text, 'in/text.jpg', { compress: true });
    zf.addFile((b!.source as { path: string }).path, 'in/b.jpg', { compress: true });
    const inZip = join(d, 'in.zip');
    zf.end();
    await new Promise<void>((res, rej) => {
      const out = createWriteStream(inZip);
      zf.outputStream.pipe(out).on('close', res).on('error', rej);
    });
    const cd = await readCentral(inZip);
    const entries: PackEntry[] = cd.map((c) => ({
      source: {
        kind: 'zip',
        zipPath: inZip,
        entryName: c.fileName,
        compression: c.compressionMethod === 8 ? 'deflate' : 'store',
        compressedSize: c.compressedSize,
        localHeaderOffset: c.relativeOffsetOfLocalHeader,
        crc32: c.crc32,
      },
      archiveName: c.fileName.split('/').pop()!,
      size: c.uncompressedSize,
      mtimeMs: 0,
    }));
    expect(entries.map((e) => (e.source as { compression: string }).compression)).toEqual([
      'store',
      'deflate',
      'deflate',
    ]);
    const plan = planZip(entries, { partSize: MiB });
    const zip = await wholeZip(plan);
    const out = join(d, 'out.zip');
    await writeFile(out, zip);
    if (hasUnzip) {
      expect(execFileSync('unzip', ['-t', out]).toString()).toMatch(/No errors detected/);
      const x = join(d, 'x');
      execFileSync('unzip', ['-q', out, '-d', x]);
      expect(readFileSync(join(x, 'a.jpg')).equals(readFileSync((a!.source as { path: string }).path))).toBe(
        true,
      );
      expect(readFileSync(join(x, 'b.jpg')).equals(readFileSync((b!.source as { path: string }).path))).toBe(
        true,
      );
      expect(readFileSync(join(x, 'text.jpg')).equals(text)).toBe(true);
    }
  });

  it('a changed or vanished source is a SourceChangedError, never a short or different part', async () => {
    const d = await dir();
    const entries = await makeFiles(d, [
      { name: 'a.jpg', size: MiB },
      { name: 'b.jpg', size: MiB },
    ]);
    const plan = planZip(entries, { partSize: MiB });
    const pathOf = (i: number): string => (entries[i]!.source as { path: string }).path;

    await utimes(pathOf(0), new Date(), new Date(Date.now() + 5000));
    await expect(partBytes(plan, 0, new CrcStore())).rejects.toBeInstanceOf(SourceChangedError);

    // Same for a small photo read in one go (CRC and data from the same read).
    const [small] = await makeFiles(d, [{ name: 'small.jpg', size: 100_000 }]);
    const smallPlan = planZip([small!], { partSize: MiB });
    await utimes((small!.source as { path: string }).path, new Date(), new Date(Date.now() + 5000));
    await expect(partBytes(smallPlan, 0, new CrcStore())).rejects.toBeInstanceOf(SourceChangedError);

    await unlink(pathOf(1));
    const onlyB = planZip([entries[1]!], { partSize: MiB });
    await expect(partBytes(onlyB, 0, new CrcStore({ 'b.jpg': 1 }))).rejects.toThrow(/vanished/);

    // Same size and mtime restored but the file is shorter than planned once read: grows/shrinks are caught by size.
    await writeFile(pathOf(1), Buffer.alloc(10));
    const st = await stat(pathOf(1));
    const shrunk = planZip([{ ...entries[1]!, mtimeMs: st.mtimeMs }], { partSize: MiB });
    await expect(partBytes(shrunk, 0, new CrcStore())).rejects.toThrow(/size was/);
  });

  it('a part stopped mid-CRC does not fail another part waiting for the same CRC', async () => {
    const d = await dir();
    // 30-byte header + 5-byte name: the central directory starts exactly at 3 MiB, i.e. the last part.
    const entries = await makeFiles(d, [{ name: 'a.jpg', size: 3 * MiB - 35 }]);
    const plan = planZip(entries, { partSize: MiB });
    expect(plan.parts.at(-1)!.start).toBe(plan.cdOffset);
    const crcs = new CrcStore();
    const ac = new AbortController();
    const first = partChunks(plan, 0, { crcs, signal: ac.signal }).next();
    const last = partBytes(plan, plan.parts.length - 1, crcs);
    ac.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const zip = await wholeZip(plan);
    expect((await last).equals(zip.subarray(plan.parts.at(-1)!.start))).toBe(true);
  });

  it('shares one CRC computation between parts and restores CRCs from a snapshot', async () => {
    const d = await dir();
    const entries = await makeFiles(d, [{ name: 'a.jpg', size: 3 * MiB }]);
    const plan = planZip(entries, { partSize: MiB });
    const crcs = new CrcStore();
    await Promise.all(plan.parts.map((p) => partBytes(plan, p.index, crcs)));
    const snap = crcs.snapshot();
    expect(Object.keys(snap)).toEqual(['a.jpg']);
    // With the CRC restored, the last part (central directory) needs no file at all.
    await unlink((entries[0]!.source as { path: string }).path);
    const last = plan.parts.length - 1;
    const chunks: Buffer[] = [];
    const lastPartStartsInCd = plan.parts[last]!.start >= plan.cdOffset;
    if (lastPartStartsInCd)
      for await (const c of partChunks(plan, last, { crcs: new CrcStore(snap) })) chunks.push(c);
    else await expect(partBytes(plan, last, new CrcStore(snap))).rejects.toBeInstanceOf(SourceChangedError);
    expect(new CrcStore(snap).peek('a.jpg')).toBe(snap['a.jpg']);
  });
});

function listZip(path: string): Promise<[string, number][]> {
  return readCentral(path).then((es) => es.map((e) => [e.fileName, e.uncompressedSize]));
}

function readCentral(path: string): Promise<yauzl.Entry[]> {
  return new Promise((res, rej) => {
    yauzl.open(path, { lazyEntries: true }, (err, zf) => {
      if (err || !zf) return rej(err);
      const out: yauzl.Entry[] = [];
      zf.on('entry', (e: yauzl.Entry) => {
        out.push(e);
        zf.readEntry();
      });
      zf.on('end', () => {
        zf.close();
        res(out);
      });
      zf.on('error', rej);
      zf.readEntry();
    });
  });
}
