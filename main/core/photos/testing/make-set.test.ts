import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExif } from '../exif.js';
import { jpegLooksTruncated, jpegSize } from '../sniff.js';
import { makePhotoSet } from './make-set.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-makeset-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = async (p: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

describe('makePhotoSet', () => {
  it('writes exact sizes, valid headers and tails, incompressible filler, deterministically', async () => {
    const a = await makePhotoSet(path.join(dir, 'a'), {
      count: 3,
      sizes: [5000, 2_100_000, 70_000],
      seed: 42,
      width: 6000,
      height: 4000,
      camera: 'Nikon Z 7',
    });
    const b = await makePhotoSet(path.join(dir, 'b'), {
      count: 3,
      sizes: [5000, 2_100_000, 70_000],
      seed: 42,
      width: 6000,
      height: 4000,
      camera: 'Nikon Z 7',
    });
    const c = await makePhotoSet(path.join(dir, 'c'), { count: 1, bytesEach: 5000, seed: 43 });
    expect(a.map((p) => path.basename(p))).toEqual(['IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg']);
    expect(await Promise.all(a.map(async (p) => (await stat(p)).size))).toEqual([5000, 2_100_000, 70_000]);
    expect(await Promise.all(a.map(sha))).toEqual(await Promise.all(b.map(sha)));
    expect(await sha(c[0]!)).not.toBe(await sha(a[0]!));
    expect(await sha(a[0]!)).not.toBe(await sha(a[2]!)); // files differ from each other too

    const bytes = await readFile(a[1]!);
    expect(jpegSize(bytes)).toEqual({ width: 6000, height: 4000 });
    expect(jpegLooksTruncated(bytes)).toBe(false);
    expect(await readExif(bytes.subarray(0, 65536))).toMatchObject({
      camera: 'Nikon Z 7',
      takenAt: '2024-05-01T10:00:01',
    });
    const sosEnd = bytes.indexOf(Buffer.from([0xff, 0xda])) + 2 + 12;
    const filler = bytes.subarray(sosEnd, bytes.length - 2);
    expect(filler.includes(0xff)).toBe(false); // no stray markers inside the scan data
    expect(deflateRawSync(filler.subarray(0, 1_000_000)).length).toBeGreaterThan(990_000);
  });

  it('refuses sizes below a JPEG header', async () => {
    await expect(makePhotoSet(dir, { count: 1, bytesEach: 10, seed: 1 })).rejects.toThrow(
      /smaller than a JPEG header/,
    );
  });
});
