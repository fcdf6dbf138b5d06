/**
 * Reading EXIF leaves no file open. exifr handed a path keeps the file handle when a JPEG has no
 * EXIF (`thumbnail`) or cannot be parsed (`parse`) — exifr issue #111; Node closes it only on garbage
 * collection ("Closing file descriptor N on garbage collection"), one per photo of a review grid or
 * a check. Every reader of ours hands exifr bytes; this counts the handles this process holds on the
 * test's photos (/proc/self/fd, Linux, where CI runs) after each reader went through all of them.
 * (With exifr handed the path, both fail: handles stay open on the files that are not JPEGs and
 * on every JPEG without EXIF. A control that leaks them on purpose is left out: GC would close them
 * later, with the very warning this guards against.)
 */
import { readdir, readlink, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSmallCopy } from '../check/small-copies.js';
import { createThumbnailMaker } from '../service/thumbnails.js';
import { readExifFocal } from './exif.js';
import { inspectImages } from './image-set.js';
import { tempDir } from './testing/fixtures.js';

const onLinux = process.platform === 'linux';
let dir: string;
/** JPEGs without EXIF (what sharp and most editors write), and files named .jpg that are not JPEGs. */
const plain: string[] = [];
const broken: string[] = [];

/** How many handles this process holds on files in the test's folder. */
async function openHere(): Promise<number> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((t) => t.startsWith(dir)).length;
}

describe.skipIf(!onLinux)('reading EXIF keeps no file open', () => {
  beforeAll(async () => {
    dir = await tempDir('sb-exif-fd-');
    for (let i = 0; i < 12; i++) {
      const file = path.join(dir, `plain_${i}.jpg`);
      const grey = 40 + i * 10;
      await sharp({
        create: { width: 96, height: 64, channels: 3, background: { r: grey, g: grey, b: grey } },
      })
        .jpeg()
        .toFile(file);
      plain.push(file);
    }
    for (const [i, bytes] of ['1', '', 'not a photo'].entries()) {
      broken.push(path.join(dir, `broken_${i}.jpg`));
      await writeFile(broken.at(-1)!, bytes);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the check and the local pipeline (readExifFocal, inspectImages, the small copies)', async () => {
    expect(await openHere()).toBe(0);
    for (const f of [...plain, ...broken]) expect(await readExifFocal(f)).toBeUndefined();
    expect(await openHere()).toBe(0);
    const set = await inspectImages([...plain, ...broken]);
    expect(set.images).toHaveLength(plain.length);
    expect(await openHere()).toBe(0);
    for (const f of [...plain, ...broken]) {
      await makeSmallCopy(f, path.join(dir, 'copies', `${path.basename(f)}.jpg`), 32).catch(() => undefined);
    }
    expect(await openHere()).toBe(0);
  });

  it("the review grid's thumbnails", async () => {
    const thumbs = createThumbnailMaker();
    for (const f of [...plain, ...broken]) {
      const t = await thumbs.get(f, { source: { kind: 'file', path: f }, format: 'jpeg', size: 1000, width: 96, height: 64 }); // prettier-ignore
      expect(t.url).toMatch(/^data:/);
    }
    expect(await openHere()).toBe(0);
  });
});
