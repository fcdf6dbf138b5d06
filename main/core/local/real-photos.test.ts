/**
 * Real camera JPEGs (testing/real-photos.ts): EXIF camera, capture time, orientation and focal
 * length as the pipeline reads them, upright 1600 px working copies of the 12 MP files, and the
 * pre-flight check on them (real COLMAP).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../check/index.js';
import { hasTool } from '../testing/require-tool.js';
import { inspectImages, stageImages, type ImageInfo } from './image-set.js';
import { tempDir } from './testing/fixtures.js';
import { REAL_PHOTOS, realPhoto } from './testing/real-photos.js';

const phone = REAL_PHOTOS.phone.map((p) => realPhoto(p));
const canon = realPhoto(REAL_PHOTOS.canon);
const upsideDown = realPhoto(REAL_PHOTOS.upsideDown);
const present = phone.every(Boolean) && canon !== undefined && upsideDown !== undefined;
const files = present ? [...(phone as string[]), canon] : [];

/** Mean absolute difference of two images as 32×24 grey thumbnails (0–255). */
async function difference(a: Buffer | string, b: Buffer | string): Promise<number> {
  const thumb = (x: Buffer | string) => sharp(x).greyscale().resize(32, 24, { fit: 'fill' }).raw().toBuffer();
  const [ta, tb] = await Promise.all([thumb(a), thumb(b)]);
  let sum = 0;
  for (let i = 0; i < ta.length; i++) sum += Math.abs(ta[i]! - tb[i]!);
  return sum / ta.length;
}

describe.skipIf(!present)('real camera JPEGs (forensics-samples-files)', () => {
  let root: string;
  let infos: ImageInfo[];
  let staged: ImageInfo[];

  beforeAll(async () => {
    root = await tempDir('scanbridge-real-');
    const set = await inspectImages(files);
    expect(set.unreadable).toEqual([]);
    infos = set.images;
    staged = await stageImages(set, path.join(root, 'images'), { workingSize: 1600, threads: 2 });
  }, 120_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('reads the camera, capture time, size and orientation from real EXIF', () => {
    const byFile = new Map(infos.map((i) => [i.source, i]));
    for (const f of phone) {
      const i = byFile.get(f!)!;
      expect(i.camera).toBe('Xiaomi Mi A3');
      expect([i.width, i.height]).toEqual([4000, 3000]);
      expect(i.takenAt).toBeGreaterThan(Date.UTC(2019, 0, 1));
      expect(i.orientation).toBe(f === upsideDown ? 3 : 1);
      // The phone writes a focal length in mm but neither a 35 mm equivalent nor the sensor's
      // resolution: no focal length in pixels can be honest, so COLMAP keeps its own prior.
      expect(i.focalPx).toBeUndefined();
    }
    const c = byFile.get(canon!)!;
    expect(c.camera).toBe('Canon Canon PowerShot SX530 HS');
    expect([c.width, c.height]).toEqual([1280, 960]);
    // 14.368 mm × 18,989 px/inch on the 4608 px frame the camera wrote, scaled to 1280 px:
    // ~2,980 px, a 24° field of view (the zoom's 80 mm equivalent), not 3.6× that.
    expect(c.focalPx).toBeCloseTo(((14.368 * 18989.01098901099) / 25.4) * (1280 / 4608), 0);
  });

  it('stages the 12 MP photos as upright 1600 px working copies, the upside-down one turned', async () => {
    const dir = path.join(root, 'images');
    for (const s of staged.filter((i) => phone.includes(i.source))) {
      expect([s.width, s.height, s.orientation]).toEqual([1600, 1200, 1]);
      const meta = await sharp(path.join(dir, s.name)).metadata();
      expect([meta.width, meta.height]).toEqual([1600, 1200]);
    }
    const turned = staged.find((s) => s.source === upsideDown)!;
    const copy = path.join(dir, turned.name);
    const asStored = await sharp(upsideDown!).toBuffer();
    const upright = await sharp(upsideDown!).rotate(180).toBuffer();
    expect(await difference(copy, upright)).toBeLessThan(4);
    expect(await difference(copy, asStored)).toBeGreaterThan(4 * (await difference(copy, upright)) + 8);
    // The small Canon photo is linked as it is (no copy): same size, same focal length.
    const small = staged.find((s) => s.source === canon)!;
    expect([small.width, small.height]).toEqual([1280, 960]);
    expect(small.focalPx).toBe(infos.find((i) => i.source === canon)!.focalPx);
  });

  it.skipIf(!hasTool('colmap', ['-h']))(
    'the check reads the real files and says four unrelated scenes will not make one model',
    async () => {
      const report = await runCheck({ files, workDir: path.join(root, 'check'), threads: 2 });
      expect(report.photos).toBe(files.length);
      expect(report.verdict).toBe('will-fail');
      expect(report.groups.length).toBeGreaterThan(1);
    },
    300_000,
  );
});
