/**
 * The local pipeline on camera JPEGs (synthetic 12 MP renders with a camera's EXIF, every fourth
 * stored turned with orientation 6, as a phone writes a portrait shot): the photos are staged as
 * upright 1600 px working copies, all share one camera whose focal length starts from EXIF, and the
 * ring comes out whole and in the right shape. Real COLMAP.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../testing/require-tool.js';
import { reconstruct, type ReconstructionSummary } from './pipeline.js';
import { generateCameraSet, type CameraSet } from './testing/camera-jpegs.js';
import { evaluateModel, type Evaluation } from './testing/evaluate.js';
import { tempDir } from './testing/fixtures.js';

const has = hasTool('colmap', ['-h']);
const VIEWS = 20;

describe.skipIf(!has)('reconstruct camera JPEGs with EXIF (12 MP, some turned)', () => {
  let root: string;
  let set: CameraSet;
  let summary: ReconstructionSummary;
  let evaluation: Evaluation;
  let workspace: string;

  beforeAll(async () => {
    root = await tempDir('scanbridge-exif-');
    set = await generateCameraSet({
      dir: path.join(root, 'camera'),
      views: VIEWS,
      rotated: (i) => i % 4 === 1,
    });
    workspace = path.join(root, 'ws');
    summary = await reconstruct({ images: path.join(root, 'camera'), workspace, mesh: 'none' });
    const prep = JSON.parse(await readFile(path.join(workspace, 'stages', 'prepare.json'), 'utf8')) as {
      data: { images: { name: string; source: string }[] };
    };
    const sourceOf = new Map(prep.data.images.map((i) => [i.name, i.source]));
    // Staged name → camera file DSC_000k.jpg → the k-th rendered view.
    const viewOf = (name: string): string => {
      const k = set.files.indexOf(sourceOf.get(name) ?? '');
      return k >= 0 ? set.truth.views[k]!.file : name;
    };
    evaluation = await evaluateModel(set.truth, path.join(workspace, 'model'), viewOf);
  }, 900_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('stages upright 1600 px working copies of the 12 MP photos, turned ones included', async () => {
    const staged = (await readdir(path.join(workspace, 'images'))).sort();
    expect(staged).toHaveLength(VIEWS);
    const sizes = await Promise.all(
      staged.map(async (f) => {
        const m = await sharp(path.join(workspace, 'images', f)).metadata();
        return `${m.width}x${m.height}/${m.orientation ?? 1}`;
      }),
    );
    expect(new Set(sizes)).toEqual(new Set(['1600x1200/1']));
  });

  it('one shared camera, its focal length from EXIF, refined close to the truth', async () => {
    // synth.ts renders with focal = 0.875 × width: 1400 px at 1600 px wide.
    expect(summary.plan.singleCamera).toBe(true);
    // From the 35 mm equivalent, which EXIF rounds to whole millimetres (32 for 31.5): within 2 %.
    expect(Math.abs(summary.plan.focalPx! / 1400 - 1)).toBeLessThan(0.02);
    const cameras = (await readFile(path.join(workspace, 'model', 'cameras.txt'), 'utf8'))
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(cameras).toHaveLength(1);
    const [, model, w, h, f] = cameras[0]!.split(' ');
    expect([model, w, h]).toEqual(['SIMPLE_RADIAL', '1600', '1200']);
    expect(Math.abs(Number(f) / 1400 - 1)).toBeLessThan(0.05);
  });

  it('places every photo, in the ring the renders were taken from', () => {
    expect(summary.registeredImages).toBe(VIEWS);
    expect(evaluation.registered).toBe(VIEWS);
    expect(evaluation.centreErrorMax).toBeLessThan(0.03);
  });
});
