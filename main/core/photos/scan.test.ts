import { chmod, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, InvalidInputError } from '../errors.js';
import { scanSources } from './scan.js';
import { jpegHeader, makeJpeg } from './testing/make-jpeg.js';
import { makePng } from './testing/make-png.js';
import { makePhotoSet } from './testing/make-set.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-scan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jpeg = (w = 640, h = 480, make = 'Canon', model = 'Canon EOS 5D'): Buffer =>
  makeJpeg({ width: w, height: h, make, model, takenAt: '2024:05:01 12:34:56' });

async function put(rel: string, data: Buffer | string): Promise<string> {
  const p = path.join(dir, rel);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, data);
  return p;
}

async function expectInvalid(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InvalidInputError);
  expect((e as Error).message).toMatch(pattern);
}

describe('scanSources: folders', () => {
  it('finds photos recursively, by content, in natural order, with header facts', async () => {
    await put('set/IMG_10.jpg', jpeg());
    await put('set/IMG_2.jpg', jpeg());
    await put('set/sub/IMG_1.JPG', jpeg());
    await put('set/flat.png', makePng({ width: 640, height: 480 }));
    const r = await scanSources([path.join(dir, 'set')]);
    expect(r.photos.map((p) => p.relPath)).toEqual(['flat.png', 'IMG_2.jpg', 'IMG_10.jpg', 'sub/IMG_1.JPG']);
    const p = r.photos[1]!;
    expect(p.displayPath).toBe('set/IMG_2.jpg');
    expect(p.source).toEqual({ kind: 'file', path: path.join(dir, 'set/IMG_2.jpg') });
    expect(p).toMatchObject({
      format: 'jpeg',
      width: 640,
      height: 480,
      camera: 'Canon EOS 5D',
      takenAt: '2024-05-01T12:34:56',
    });
    expect(p.sample).toMatch(/^[0-9a-f]{64}$/);
    expect(r.photos[0]).toMatchObject({ format: 'png', width: 640, height: 480 });
    expect(r.totalBytes).toBe(r.photos.reduce((n, x) => n + x.size, 0));
    expect(r.skipped).toEqual([]);
    expect(r.rejected).toEqual([]);
  });

  it('skips hidden and system files and says why', async () => {
    await put('set/IMG_1.jpg', jpeg());
    await put('set/.DS_Store', 'Bud1');
    await put('set/Thumbs.db', 'x');
    await put('set/desktop.ini', '[.ShellClassInfo]');
    await put('set/._IMG_1.jpg', jpeg());
    await put('set/.git/objects/a.jpg', jpeg());
    await put('set/__MACOSX/._IMG_1.jpg', jpeg());
    const r = await scanSources([path.join(dir, 'set')]);
    expect(r.photos.map((p) => p.relPath)).toEqual(['IMG_1.jpg']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.displayPath, s.reason]));
    expect(reasons).toEqual({
      'set/._IMG_1.jpg': 'macOS resource fork file',
      'set/.DS_Store': 'macOS folder settings file (.DS_Store)',
      'set/.git/': 'hidden folder',
      'set/__MACOSX/': 'macOS resource folder (__MACOSX)',
      'set/desktop.ini': 'system file',
      'set/Thumbs.db': 'system file',
    });
  });

  it('skips non-images named .jpg and rejects images the cloud does not accept', async () => {
    await put('set/IMG_1.jpg', jpeg());
    await put('set/notes.jpg', 'these are my scan notes\n');
    await put('set/raw.jpg', Buffer.from('II*\0\x08\0\0\0', 'latin1'));
    await put('set/phone.heic', Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'));
    await put('set/web.webp', Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'));
    const r = await scanSources([path.join(dir, 'set')]);
    expect(r.photos).toHaveLength(1);
    expect(r.skipped).toEqual([
      { displayPath: 'set/notes.jpg', code: 'content-text', reason: 'not an image (content is text)' },
    ]);
    expect(r.rejected.map((x) => [x.code, x.params])).toEqual([
      ['format-rejected', { format: 'HEIC' }],
      ['format-rejected', { format: 'TIFF' }],
      ['format-rejected', { format: 'WebP' }],
    ]);
    expect(r.rejected.map((x) => x.displayPath)).toEqual(['set/phone.heic', 'set/raw.jpg', 'set/web.webp']);
    expect(r.rejected[1]!.reason).toMatch(/TIFF image.*only JPEG and PNG/);
    expect(r.rejected[0]!.reason).toMatch(/^HEIC image/);
  });

  it('warns about truncated, empty, duplicate and misnamed photos', async () => {
    const a = jpeg(640, 480);
    await put('set/a.jpg', a);
    await put('set/copy of a.jpg', a);
    await put('set/cut.jpg', a.subarray(0, a.length - 2));
    await put('set/padded.jpg', Buffer.concat([a, Buffer.alloc(64)]));
    await put('set/empty.jpg', Buffer.alloc(0));
    await put('set/really-a-jpeg.png', jpeg(640, 480, 'Canon', 'Canon EOS 5D'));
    const r = await scanSources([path.join(dir, 'set')]);
    const byCode = (c: string) => r.warnings.filter((w) => w.code === c);
    expect(byCode('truncated')).toHaveLength(1);
    expect(byCode('truncated')[0]!.paths).toEqual(['set/cut.jpg']);
    expect(byCode('zero-bytes')[0]!.paths).toEqual(['set/empty.jpg']);
    expect(r.photos.map((p) => p.relPath)).not.toContain('empty.jpg');
    expect(r.skipped).toContainEqual({
      displayPath: 'set/empty.jpg',
      code: 'empty',
      reason: 'empty file (0 bytes)',
    });
    const dups = byCode('duplicate');
    // a.jpg and really-a-jpeg.png have identical bytes too.
    expect(dups).toHaveLength(1);
    expect(dups[0]!.paths).toEqual(['set/a.jpg', 'set/copy of a.jpg', 'set/really-a-jpeg.png']);
    expect(dups[0]!.message).toMatch(/^3 photos are likely the same picture/);
    expect(byCode('extension-mismatch')[0]!.paths).toEqual(['set/really-a-jpeg.png']);
    expect(byCode('few-photos')[0]!.message).toMatch(/Only 5 photos/);
  });

  it('names resolution and camera groups with counts', async () => {
    for (let i = 0; i < 3; i++)
      await put(
        `set/a${i}.jpg`,
        makeJpeg({
          width: 4000,
          height: 3000,
          make: 'Canon',
          model: 'EOS 5D',
          takenAt: `2024:05:01 10:00:0${i}`,
        }),
      );
    await put(
      'set/portrait.jpg',
      makeJpeg({ width: 3000, height: 4000, make: 'Canon', model: 'EOS 5D', takenAt: '2024:05:01 10:01:00' }),
    );
    await put('set/small.jpg', makeJpeg({ width: 1920, height: 1080, make: 'Apple', model: 'iPhone 12' }));
    const r = await scanSources([path.join(dir, 'set')]);
    const res = r.warnings.find((w) => w.code === 'mixed-resolution')!;
    expect(res.message).toContain('2 different resolutions: 4000×3000 (4 photos), 1920×1080 (1 photo)');
    expect(res.paths).toEqual(['set/small.jpg']);
    const cam = r.warnings.find((w) => w.code === 'mixed-camera')!;
    expect(cam.message).toContain('Canon EOS 5D (4 photos), Apple iPhone 12 (1 photo)');
    expect(cam.paths).toEqual(['set/small.jpg']);
    expect(r.warnings.some((w) => w.code === 'duplicate')).toBe(false);
  });

  it('finds the size past 128 KiB of metadata, and takes a photo named .zip for a photo', async () => {
    const jpg = makeJpeg({ width: 5000, height: 3750 });
    const xmp = Buffer.concat([
      Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1'),
      Buffer.alloc(65000, 0x41),
    ]);
    const seg = Buffer.concat([
      Buffer.from([0xff, 0xe1, (xmp.length + 2) >> 8, (xmp.length + 2) & 0xff]),
      xmp,
    ]);
    await put('set/pixel.jpg', Buffer.concat([jpg.subarray(0, 2), seg, seg, seg, seg, jpg.subarray(2)]));
    const misnamed = await put('photo.zip', jpeg(640, 480));
    const r = await scanSources([path.join(dir, 'set'), misnamed]);
    expect(r.photos.map((p) => [p.relPath, p.width, p.height])).toEqual([
      ['pixel.jpg', 5000, 3750],
      ['photo.zip', 640, 480],
    ]);
    expect(r.warnings.find((w) => w.code === 'extension-mismatch')?.paths).toEqual(['photo.zip']);
  });

  it('keeps unicode and very long names as they are', async () => {
    const long = `${'x'.repeat(200)}.jpg`;
    await put('Büste €/写真 001.jpg', jpeg());
    await put(`Büste €/${long}`, jpeg(800, 600));
    const r = await scanSources([path.join(dir, 'Büste €')]);
    expect(r.photos.map((p) => p.displayPath).sort()).toEqual(
      [`Büste €/${long}`, 'Büste €/写真 001.jpg'].sort(),
    );
    expect(r.photos.find((p) => p.relPath === long)?.width).toBe(800);
  });
});

describe('scanSources: bad input', () => {
  it('an empty folder', async () => {
    await mkdir(path.join(dir, 'empty'));
    await expectInvalid(
      scanSources([path.join(dir, 'empty')]),
      /No photos found in ".*empty": it is empty\./,
    );
  });

  it('a folder with no images lists what was skipped', async () => {
    await put('docs/a.txt', 'hello');
    await put('docs/b.jpg', 'not really');
    await put('docs/c.tif', Buffer.from('MM\0*\0\0\0\x08', 'latin1'));
    await expectInvalid(
      scanSources([path.join(dir, 'docs')]),
      /No photos found in ".*docs": 1 file not accepted, 2 files skipped: docs\/c\.tif \(TIFF image.*\); docs\/a\.txt \(not an image \(content is text\)\); docs\/b\.jpg/,
    );
  });

  it('a path that does not exist, and no paths at all', async () => {
    await expectInvalid(scanSources([path.join(dir, 'nope')]), /"\S*nope" does not exist\./);
    await expectInvalid(scanSources([]), /No files or folders were chosen/);
  });

  it('unreadable entries (a FIFO, a dangling link) are skipped with the reason, without hanging', async () => {
    await put('set/IMG_1.jpg', jpeg());
    execFileSync('mkfifo', [path.join(dir, 'set/pipe.jpg')]);
    await symlink(path.join(dir, 'gone.jpg'), path.join(dir, 'set/dangling.jpg'));
    const r = await scanSources([path.join(dir, 'set')]);
    expect(r.photos).toHaveLength(1);
    expect(r.skipped).toEqual([
      {
        displayPath: 'set/dangling.jpg',
        code: 'broken-link',
        reason: expect.stringMatching(/^broken link \(cannot read: it no longer exists/),
      },
      { displayPath: 'set/pipe.jpg', code: 'fifo', reason: 'a named pipe (FIFO), not a photo' },
    ]);
  });

  it('a file without read permission is skipped with the OS reason (root reads it anyway)', async () => {
    await put('set/IMG_1.jpg', jpeg());
    const locked = await put('set/locked.jpg', jpeg(800, 600));
    await chmod(locked, 0o000);
    const r = await scanSources([path.join(dir, 'set')]);
    if (process.getuid?.() === 0) {
      // chmod does not stop root: the file is simply read (the FIFO/dangling-link test covers unreadable).
      expect(r.photos.map((p) => p.relPath)).toEqual(['IMG_1.jpg', 'locked.jpg']);
    } else {
      expect(r.photos.map((p) => p.relPath)).toEqual(['IMG_1.jpg']);
      expect(r.skipped).toEqual([
        { displayPath: 'set/locked.jpg', code: 'no-permission', reason: 'cannot read: permission denied' },
      ]);
    }
  });

  it('follows links inside the folder once, not outside, and does not loop', async () => {
    await put('set/IMG_1.jpg', jpeg());
    await put('set/real/IMG_2.jpg', jpeg(800, 600));
    await put('private/secret.jpg', jpeg());
    await symlink(path.join(dir, 'set/IMG_1.jpg'), path.join(dir, 'set/again.jpg'));
    await symlink(path.join(dir, 'set'), path.join(dir, 'set/real/loop'));
    await symlink(path.join(dir, 'private/secret.jpg'), path.join(dir, 'set/outside.jpg'));
    const r = await scanSources([path.join(dir, 'set')]);
    expect(r.photos.map((p) => p.relPath)).toEqual(['IMG_1.jpg', 'real/IMG_2.jpg']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.displayPath, s.reason]));
    expect(reasons['set/again.jpg']).toBe('same file as "set/IMG_1.jpg" (already included)');
    expect(reasons['set/outside.jpg']).toMatch(/outside the chosen folder/);
    expect(reasons['set/real/loop/']).toMatch(/already scanned/);
  });
});

describe('scanSources: mixes, big files, progress, cancel', () => {
  it('keeps root order for a folder and single files, and drops a file chosen twice', async () => {
    await put('b-set/IMG_1.jpg', jpeg());
    const single = await put('a-single.jpg', jpeg(800, 600));
    const r = await scanSources([path.join(dir, 'b-set'), single, single]);
    expect(r.photos.map((p) => p.displayPath)).toEqual(['b-set/IMG_1.jpg', 'a-single.jpg']);
    expect(r.photos[1]!.relPath).toBe('a-single.jpg');
    expect(r.skipped).toEqual([
      {
        displayPath: 'a-single.jpg',
        code: 'same-file',
        params: { first: 'a-single.jpg' },
        reason: 'same file as "a-single.jpg" (already included)',
      },
    ]);
  });

  it('stops when cancelled part-way, and leaves a zip inside a folder alone', async () => {
    await makePhotoSet(path.join(dir, 'set'), { count: 40, bytesEach: 4000, seed: 3 });
    await put('set/backup.zip', Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1'));
    const ac = new AbortController();
    const cancelled = scanSources([path.join(dir, 'set')], {
      signal: ac.signal,
      concurrency: 2,
      onProgress: (done) => {
        if (done === 5) ac.abort();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    const r = await scanSources([path.join(dir, 'set')]);
    expect(r.photos).toHaveLength(40);
    expect(r.skipped).toEqual([
      {
        displayPath: 'set/backup.zip',
        code: 'zip-in-folder',
        reason: 'zip file inside a folder (not opened): add it separately to include its photos',
      },
    ]);
  });

  it('a 200 MB photo is checked from its head and tail only', async () => {
    const file = path.join(dir, 'big.jpg');
    const size = 200 * 1024 * 1024;
    const fh = await open(file, 'w');
    await fh.truncate(size);
    await fh.write(
      jpegHeader({ width: 8000, height: 6000, make: 'Sony', model: 'ILCE-7RM4' }),
      0,
      undefined,
      0,
    );
    await fh.write(Buffer.from([0xff, 0xd9]), 0, 2, size - 2);
    await fh.close();
    const r = await scanSources([file]);
    expect(r.photos[0]).toMatchObject({ size, width: 8000, height: 6000, camera: 'Sony ILCE-7RM4' });
    expect(r.warnings.map((w) => w.code)).toEqual(['few-photos']);
  });

  it('scans a generated set, reports progress, and can be cancelled', async () => {
    await makePhotoSet(path.join(dir, 'gen'), {
      count: 25,
      bytesEach: 300_000,
      seed: 7,
      width: 4000,
      height: 3000,
      camera: 'OpenScan Mini',
    });
    const seen: [number, number][] = [];
    const r = await scanSources([path.join(dir, 'gen')], {
      concurrency: 4,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(r.photos).toHaveLength(25);
    expect(r.warnings).toEqual([]);
    expect(r.photos.every((p) => p.camera === 'OpenScan Mini' && p.width === 4000)).toBe(true);
    expect(seen[0]).toEqual([0, 25]);
    expect(seen.at(-1)).toEqual([25, 25]);
    const ac = new AbortController();
    ac.abort();
    await expect(scanSources([path.join(dir, 'gen')], { signal: ac.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});
