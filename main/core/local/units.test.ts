/** Pure pieces of the local pipeline: planning, pairs, normals, headers, alignment, progress. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskError, ToolError } from '../errors.js';
import { cameraCenter, quatToMatrix } from './colmap-model.js';
import { inspectImages, listImages, readImageSize, stageImages, type ImageInfo } from './image-set.js';
import { estimateOrientedNormals, smallestEigenvector, type Vec3 } from './normals.js';
import { captureOrder, planRun, sequentialPairs } from './plan.js';
import { stepError } from './run-step.js';
import { overallProgress, STAGES } from './stages.js';
import { alignSimilarity, applySimilarity } from './testing/align.js';
import { tempDir } from './testing/fixtures.js';
import { encodePng } from '../testing/png.js';
import { distanceToSurface, generateSyntheticSet } from './testing/synth.js';

let root: string;
beforeAll(async () => {
  root = await tempDir();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const img = (source: string, extra: Partial<ImageInfo> = {}): ImageInfo => ({
  source,
  name: '',
  width: 4000,
  height: 3000,
  ...extra,
});

describe('planRun', () => {
  it('uses one camera, capped features and pair-list matching for a numbered set', () => {
    const images = Array.from({ length: 40 }, (_, i) =>
      img(`/s/IMG_${1000 + i}.JPG`, { camera: 'Canon EOS' }),
    );
    const plan = planRun(images, { threads: 3 });
    expect(plan).toMatchObject({
      singleCamera: true,
      maxImageSize: 1600,
      maxNumFeatures: 2048,
      matcher: 'sequential',
      threads: 3,
      window: 6,
    });
    expect(plan.matcherReason).toMatch(/numbered file names/);
    expect(plan.matcherWhy).toEqual({ code: 'numberedNames' });
  });

  it('matches a small ordered set with its next 3 photos, a larger one with its next n/7 (at most 12)', () => {
    const set = (n: number) => Array.from({ length: n }, (_, i) => img(`/s/IMG_${1000 + i}.JPG`));
    expect(planRun(set(24), { threads: 1 }).window).toBe(3);
    expect(planRun(set(36), { threads: 1 }).window).toBe(5);
    expect(planRun(set(140), { threads: 1 }).window).toBe(12);
  });

  it('uses a camera per photo when sizes or EXIF cameras differ, and lets the user override', () => {
    const mixed = [img('/a/x.jpg'), img('/a/y.jpg', { width: 3000, height: 4000 }), img('/a/z.jpg')];
    expect(planRun(mixed, { threads: 1 }).singleCamera).toBe(false);
    const twoCams = [
      img('/a/p.jpg', { camera: 'A' }),
      img('/a/q.jpg', { camera: 'B' }),
      img('/a/r.jpg', { camera: 'A' }),
    ];
    expect(planRun(twoCams, { threads: 1 }).singleCamera).toBe(false);
    const plan = planRun(mixed, { threads: 1 });
    expect(plan.matcher).toBe('exhaustive');
    expect(plan.matcherReason).toMatch(/no clear capture order/);
    expect(planRun(mixed, { threads: 1, matcher: 'sequential' }).matcherReason).toBe('chosen by the user');
    expect(plan.matcherWhy).toEqual({ code: 'noOrder' });
    expect(planRun(mixed, { threads: 1, matcher: 'sequential' }).matcherWhy).toEqual({ code: 'user' });
  });

  it('scales the feature cap with small images', () => {
    const small = Array.from({ length: 5 }, (_, i) => img(`/s/v_${i}.png`, { width: 640, height: 480 }));
    expect(planRun(small, { threads: 1 })).toMatchObject({
      maxImageSize: 640,
      maxNumFeatures: 1024,
      firstOctave: 0,
    });
    const tiny = Array.from({ length: 5 }, (_, i) => img(`/s/t_${i}.png`, { width: 320, height: 240 }));
    expect(planRun(tiny, { threads: 1 }).firstOctave).toBe(-1);
  });

  it('trusts EXIF capture times for the order', () => {
    expect(
      captureOrder([
        img('/a/x.jpg', { takenAt: 3 }),
        img('/a/b.jpg', { takenAt: 1 }),
        img('/a/c.jpg', { takenAt: 2 }),
      ]),
    ).toBe('EXIF capture times');
    expect(captureOrder([img('/a/apple.jpg'), img('/a/pear.jpg'), img('/a/fig.jpg')])).toBeUndefined();
  });
});

describe('sequentialPairs', () => {
  it('matches neighbours within the window and closes the ring', () => {
    const names = Array.from({ length: 10 }, (_, i) => `i${i}`);
    const pairs = sequentialPairs(names, 2);
    expect(pairs).toHaveLength(20);
    const has = (a: string, b: string): boolean =>
      pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
    expect(has('i0', 'i1')).toBe(true);
    expect(has('i9', 'i0')).toBe(true);
    expect(has('i8', 'i0')).toBe(true);
    expect(has('i0', 'i3')).toBe(false);
  });

  it('never repeats a pair or pairs an image with itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 150 }), fc.integer({ min: 1, max: 15 }), (n, w) => {
        const names = Array.from({ length: n }, (_, i) => `n${i}`);
        const pairs = sequentialPairs(names, w);
        const keys = pairs.map(([a, b]) => [a, b].sort().join('|'));
        expect(new Set(keys).size).toBe(keys.length);
        for (const [a, b] of pairs) expect(a).not.toBe(b);
        // Every image has a partner, so the graph can connect.
        expect(new Set(pairs.flat()).size).toBe(n);
        expect(pairs.length).toBeLessThanOrEqual((n * (n - 1)) / 2);
      }),
      { numRuns: 40 },
    );
  });
});

describe('normals', () => {
  it('finds the smallest eigenvector of a covariance', () => {
    const n = smallestEigenvector([4, 0, 0, 0, 1, 0, 0, 0, 0.01]);
    expect(Math.abs(n[2])).toBeCloseTo(1, 6);
  });

  it('orients normals of a noisy plane toward the cameras that see it', () => {
    let s = 7;
    const rnd = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    const below: Vec3 = [0, 0, -5];
    const points = Array.from({ length: 400 }, () => ({
      xyz: [rnd() * 2 - 1, rnd() * 2 - 1, (rnd() - 0.5) * 0.002] as Vec3,
      rgb: [10, 20, 30] as [number, number, number],
      error: 0.5,
      seenFrom: [below, [1, 1, -4] as Vec3, [-1, 0, -6] as Vec3],
    }));
    points.push({ xyz: [30, 30, 30], rgb: [0, 0, 0], error: 0.5, seenFrom: [below, below, below] }); // an outlier
    const poorly = {
      xyz: [0, 0, 0] as Vec3,
      rgb: [0, 0, 0] as [number, number, number],
      error: 0.5,
      seenFrom: [below],
    };
    const out = estimateOrientedNormals([...points, poorly]);
    expect(out.length).toBeGreaterThan(350);
    expect(out.length).toBeLessThanOrEqual(400);
    for (const p of out) expect(p.n[2]).toBeLessThan(-0.95);
    expect(out.some((p) => p.p[0] === 30)).toBe(false);
  });
});

describe('images', () => {
  it('reads PNG and JPEG sizes from the header and flags junk', async () => {
    const png = path.join(root, 'a.png');
    await writeFile(png, encodePng(3, 2, new Uint8Array(18)));
    expect(await readImageSize(png)).toEqual({ width: 3, height: 2 });
    const jpg = path.join(root, 'b.jpg');
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...Array<number>(14).fill(0)];
    const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, ...Array<number>(9).fill(0)];
    await writeFile(jpg, Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]));
    expect(await readImageSize(jpg)).toEqual({ width: 640, height: 480 });
    const junk = path.join(root, 'c.jpg');
    await writeFile(junk, 'PK\u0003\u0004 a zip named .jpg');
    expect(await readImageSize(junk)).toBe('invalid');
    const set = await inspectImages([
      png,
      jpg,
      junk,
      path.join(root, 'missing.png'),
      path.join(root, 'notes.txt'),
    ]);
    expect(set.images.map((i) => path.basename(i.source))).toEqual(['a.png', 'b.jpg']);
    expect(set.unreadable.map((u) => u.reason)).toEqual([
      expect.stringMatching(/not a valid image/),
      expect.stringMatching(/ENOENT/),
      expect.stringMatching(/not an image COLMAP reads/),
    ]);
  });

  it('lists a folder in natural order and stages ASCII names', async () => {
    const dir = path.join(root, 'Bilder ü');
    await mkdir(dir, { recursive: true });
    for (const n of ['img10.png', 'img2.png', 'img1.png', 'readme.md'])
      await writeFile(path.join(dir, n), encodePng(1, 1, new Uint8Array(3)));
    const files = await listImages(dir);
    expect(files.map((f) => path.basename(f))).toEqual(['img1.png', 'img2.png', 'img10.png']);
    expect(await listImages([path.join(dir, 'img2.png'), dir])).toHaveLength(4);
    expect(await listImages(path.join(dir, 'img2.png'))).toEqual([path.join(dir, 'img2.png')]);
    await expect(listImages(path.join(root, 'no such folder'))).rejects.toThrow(
      /Cannot read the image folder/,
    );
    const staged = await stageImages(await inspectImages(files), path.join(root, 'ws', 'images'));
    expect(staged.map((s) => s.name)).toEqual(['img_00001.png', 'img_00002.png', 'img_00003.png']);
    expect(await readFile(path.join(root, 'ws', 'images', 'img_00003.png'))).toEqual(
      await readFile(files[2]!),
    );
  });
});

describe('synthetic set and alignment', () => {
  it('writes valid PNGs whose pixels decode back', async () => {
    const rgb = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256);
    const png = encodePng(4, 3, rgb);
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
    const raw = inflateSync(idat);
    // Undo the Sub filter of row 0 and compare.
    const row = raw.subarray(1, 13);
    const decoded = Array.from(row);
    for (let i = 3; i < 12; i++) decoded[i] = (decoded[i]! + decoded[i - 3]!) & 0xff;
    expect(decoded).toEqual(Array.from(rgb.subarray(0, 12)));
  });

  it('is deterministic and returns consistent poses', async () => {
    const a = await generateSyntheticSet({
      dir: path.join(root, 's1'),
      views: 8,
      only: 2,
      width: 64,
      height: 48,
    });
    const b = await generateSyntheticSet({
      dir: path.join(root, 's2'),
      views: 8,
      only: 2,
      width: 64,
      height: 48,
    });
    expect(await readFile(a.views[1]!.file)).toEqual(await readFile(b.views[1]!.file));
    for (const v of a.views) {
      const c = cameraCenter(v.rotation, v.translation);
      for (let k = 0; k < 3; k++) expect(c[k]).toBeCloseTo(v.center[k]!, 9);
      expect(Math.hypot(v.center[0], v.center[1])).toBeCloseTo(a.ringRadius, 9);
    }
    expect(distanceToSurface([5, 5, 0])).toBeCloseTo(0, 9);
    expect(distanceToSurface([-0.7, 0.6, 1.0])).toBeCloseTo(0.1, 9); // 0.1 above the sphere's top
  });

  it('recovers a known similarity transform', () => {
    const q = [0.9, 0.1, -0.3, 0.2];
    const l = Math.hypot(...q);
    const r = quatToMatrix(q[0]! / l, q[1]! / l, q[2]! / l, q[3]! / l);
    const truth = { scale: 2.5, rotation: r, translation: [1, -2, 3] as Vec3 };
    const from: Vec3[] = [
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 2, 3],
    ];
    const to = from.map((p) => applySimilarity(truth, p));
    const est = alignSimilarity(from, to);
    expect(est.scale).toBeCloseTo(2.5, 9);
    for (let i = 0; i < from.length; i++)
      for (let k = 0; k < 3; k++) expect(applySimilarity(est, from[i]!)[k]).toBeCloseTo(to[i]![k]!, 9);
  });
});

describe('overallProgress', () => {
  it('runs from 0 to 1 over the stages a run has', () => {
    expect(overallProgress(STAGES, 'prepare', 0)).toBe(0);
    expect(overallProgress(STAGES, 'mesh', 1)).toBeCloseTo(1, 12);
    const noMesh = STAGES.filter((s) => s !== 'mesh');
    expect(overallProgress(noMesh, 'export', 1)).toBeCloseTo(1, 12);
    expect(overallProgress(STAGES, 'match', 0.5)).toBeGreaterThan(overallProgress(STAGES, 'extract', 1));
  });
});

describe('stepError', () => {
  it("uses COLMAP's ERROR line as the message", () => {
    const e = stepError(
      'delaunay_mesher',
      1,
      null,
      [{ kind: 'error', message: 'Delaunay meshing requires CGAL.' }],
      ['x'],
    );
    expect(e).toBeInstanceOf(ToolError);
    expect(e.message).toBe('COLMAP delaunay_mesher exited with code 1: Delaunay meshing requires CGAL.');
  });

  it('turns a full disk into a DiskError with what to do', () => {
    const e = stepError('mapper', 1, null, [], ['I1123 write failed', 'Error: No space left on device']);
    expect(e).toBeInstanceOf(DiskError);
    expect((e as DiskError).hint).toMatch(/Free some disk space/);
    expect(stepError('feature_extractor', 1, null, [], ['sqlite: database or disk is full'])).toBeInstanceOf(
      DiskError,
    );
  });

  it('names a signal that killed the step', () => {
    expect(stepError('mapper', null, 'SIGKILL', [], []).message).toBe(
      'COLMAP mapper was stopped by SIGKILL.',
    );
  });
});
