import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { InvalidInputError } from '../errors.js';
import { scanSources } from './scan.js';
import { makeJpeg } from './testing/make-jpeg.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-scanzip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Item = { name: string; data: Buffer | string; compress?: boolean };

/** A zip built with yazl; `rename` then patches names yazl itself refuses to write (same length). */
async function makeZip(file: string, items: Item[], rename: Record<string, string> = {}): Promise<string> {
  const z = new yazl.ZipFile();
  for (const it of items) {
    z.addBuffer(Buffer.isBuffer(it.data) ? it.data : Buffer.from(it.data), it.name, {
      compress: it.compress ?? false,
      mtime: new Date(2024, 0, 2),
    });
  }
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  for (const [from, to] of Object.entries(rename)) {
    if (from.length !== to.length) throw new Error('rename must keep the length');
    let at = buf.indexOf(from, 0, 'latin1');
    if (at === -1) throw new Error(`no ${from} in zip`);
    while (at !== -1) {
      buf.write(to, at, 'latin1');
      at = buf.indexOf(from, at + 1, 'latin1');
    }
  }
  const p = path.join(dir, file);
  await writeFile(p, buf);
  return p;
}

const jpeg = (w: number, h: number): Buffer =>
  makeJpeg({ width: w, height: h, make: 'Canon', model: 'EOS 5D' });

describe('scanSources: zips', () => {
  it('lists photos from the central directory with their exact location in the zip', async () => {
    const a = jpeg(640, 480);
    const b = jpeg(640, 480 + 8);
    const zip = await makeZip('scan.zip', [
      { name: 'set/IMG_10.jpg', data: a },
      { name: 'set/IMG_9.jpg', data: b, compress: true },
    ]);
    const r = await scanSources([zip]);
    expect(r.photos.map((p) => p.displayPath)).toEqual([
      'scan.zip › set/IMG_9.jpg',
      'scan.zip › set/IMG_10.jpg',
    ]);
    const [p9, p10] = r.photos as [(typeof r.photos)[0], (typeof r.photos)[0]];
    expect(p10.relPath).toBe('set/IMG_10.jpg');
    expect(p10.size).toBe(a.length);
    expect(p10).toMatchObject({ width: 640, height: 480, camera: 'Canon EOS 5D', format: 'jpeg' });
    expect(p9).toMatchObject({ width: 640, height: 488 });
    const bytes = await readFile(zip);
    for (const [p, data] of [
      [p10, a],
      [p9, b],
    ] as const) {
      if (p.source.kind !== 'zip') throw new Error('expected a zip source');
      expect(p.source.zipPath).toBe(zip);
      expect(p.source.crc32).toBe(crc32(data) >>> 0);
      expect(bytes.readUInt32LE(p.source.localHeaderOffset)).toBe(0x04034b50);
    }
    expect(p10.source).toMatchObject({ compression: 'store', compressedSize: a.length });
    expect(p9.source).toMatchObject({ compression: 'deflate' });
    expect(r.totalBytes).toBe(a.length + b.length);
  });

  it('skips __MACOSX, hidden files, nested zips and unsafe names without trusting them', async () => {
    const zip = await makeZip(
      'mixed.zip',
      [
        { name: 'IMG_1.jpg', data: jpeg(64, 64) },
        { name: '__MACOSX/._IMG_1.jpg', data: 'resource' },
        { name: '__MACOSX/._IMG_2.jpg', data: 'resource' },
        { name: '.DS_Store', data: 'Bud1' },
        { name: 'inner.zip', data: 'PK\x05\x06' + '\0'.repeat(18) },
        { name: 'AA/evil.jpg', data: jpeg(64, 64) },
        { name: 'Xetc/abs.jpg', data: jpeg(64, 64) },
        { name: 'CC/drive.jpg', data: jpeg(64, 64) },
        { name: 'notes.jpg', data: 'plain text notes' },
      ],
      { 'AA/evil.jpg': '../evil.jpg', 'Xetc/abs.jpg': '/etc/abs.jpg', 'CC/drive.jpg': 'C:/drive.jpg' },
    );
    const r = await scanSources([zip]);
    expect(r.photos.map((p) => p.relPath)).toEqual(['IMG_1.jpg']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.displayPath, s.reason]));
    expect(reasons).toEqual({
      'mixed.zip › ../evil.jpg': 'unsafe path (climbs out with "..")',
      'mixed.zip › /etc/abs.jpg': 'unsafe path (absolute)',
      'mixed.zip › C:/drive.jpg': 'unsafe path (drive letter)',
      'mixed.zip › .DS_Store': 'macOS folder settings file (.DS_Store)',
      'mixed.zip › __MACOSX/': 'macOS resource folder (__MACOSX): 2 files',
      'mixed.zip › inner.zip': 'zip inside a zip (not opened): extract it and add it separately',
      'mixed.zip › notes.jpg': 'not an image (content is text)',
    });
  });

  it('a corrupt zip is an error naming the zip', async () => {
    const good = await readFile(await makeZip('tmp.zip', [{ name: 'a.jpg', data: jpeg(8, 8) }]));
    const p = path.join(dir, 'broken.zip');
    await writeFile(p, good.subarray(0, good.length - 30)); // end of central directory cut off
    const e = await scanSources([p]).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as Error).message).toMatch(/^"broken\.zip" is not a readable zip file/);
  });

  it('an entry whose local header is not where the central directory says is skipped, not trusted', async () => {
    const zip = await makeZip('lying.zip', [
      { name: 'IMG_1.jpg', data: jpeg(16, 16) },
      { name: 'IMG_2.jpg', data: jpeg(16, 24) },
    ]);
    const bytes = await readFile(zip);
    const second = bytes.indexOf('PK\x03\x04', 4, 'latin1');
    bytes.write('XXXX', second, 'latin1');
    await writeFile(zip, bytes);
    const r = await scanSources([zip]);
    expect(r.photos.map((p) => p.relPath)).toEqual(['IMG_1.jpg']);
    expect(r.skipped).toEqual([
      {
        displayPath: 'lying.zip › IMG_2.jpg',
        code: 'zip-entry-unreadable',
        reason: 'cannot read this zip entry: no local header where the central directory says',
      },
    ]);
  });

  it('a zip with no photos in it is an error listing what it holds', async () => {
    const zip = await makeZip('docs.zip', [{ name: 'readme.txt', data: 'hi' }]);
    await expect(scanSources([zip])).rejects.toThrow(
      /No photos found in ".*docs\.zip": 1 file skipped: docs\.zip › readme\.txt \(not an image/,
    );
  });

  it('flags a truncated stored entry, mixes a zip with a folder in root order, and drops a zip chosen twice', async () => {
    const a = jpeg(32, 32);
    const zip = await makeZip('cut.zip', [{ name: 'cut.jpg', data: a.subarray(0, a.length - 2) }]);
    const folder = path.join(dir, 'z-folder');
    await mkdir(folder);
    await writeFile(path.join(folder, 'IMG_1.jpg'), jpeg(32, 32));
    const r = await scanSources([folder, zip, zip]);
    expect(r.photos.map((p) => p.displayPath)).toEqual(['z-folder/IMG_1.jpg', 'cut.zip › cut.jpg']);
    expect(r.skipped).toEqual([
      { displayPath: 'cut.zip', code: 'zip-twice', reason: 'same zip chosen twice (already included)' },
    ]);
    expect(r.warnings.find((w) => w.code === 'truncated')?.paths).toEqual(['cut.zip › cut.jpg']);
  });
});
