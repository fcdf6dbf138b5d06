/**
 * The check's quick COLMAP pass on the small copies: 1,024 features (512 lost 6 of a 24-view ring
 * now and then), one orientation, matching only
 * the pairs that can overlap (neighbours in capture order, then bridges around whatever did not
 * match; every pair for an unordered set), short RANSAC, then a mapper with light bundle
 * adjustment on the main group only. It is a look-ahead, not a reconstruction: it answers "which
 * photos match each other" (from the database) and "where were they taken" (from the model).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../errors.js';
import type { ColmapCommand } from '../local/find-colmap.js';
import { sequentialPairs } from '../local/plan.js';
import { runStep } from '../local/run-step.js';
import { readPairs } from './database.js';
import { readImageCentres } from './model-centres.js';
import { components, type Pair } from './match-graph.js';
import type { Vec3 } from './ring.js';

export interface QuickSfmOptions {
  colmap: ColmapCommand;
  /** Work folder of this check (database, pair lists, model). */
  root: string;
  /** Folder of the small copies. */
  images: string;
  /** Copy names as COLMAP sees them, in capture order. */
  names: string[];
  /** Ordered capture: match neighbours (and bridges) only; else every pair. */
  ordered: boolean;
  threads: number;
  /**
   * One shared camera when every copy has the same size, with the EXIF focal length when every
   * photo had one. Shared even without a focal length: the mapper then estimates the focal length
   * (30 RANSAC runs over sampled focal lengths) only for the first photos, not for every photo it
   * registers (34 views of 640×480: mapper 5.7 → 2.3 CPU-seconds, as many placed).
   */
  camera?: { focalPx?: number | undefined; width: number; height: number } | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((phase: 'features' | 'matching' | 'mapping', fraction: number) => void) | undefined;
  onLog?: ((line: string) => void) | undefined;
}

export const CHECK_FEATURES = 1024;
export const CHECK_MAX_TRIALS = 1000;

/**
 * Neighbours each photo is matched with in an ordered capture: ~n/7 for a short set, at most 6 for a
 * long one (a check needs the links, not every overlap: 300 photos at a window of 10 spent 147 of
 * the check's 415 CPU-seconds matching).
 */
export function checkWindow(n: number): number {
  return Math.max(5, Math.min(n > 70 ? 6 : 10, Math.round(n / 7)));
}

/**
 * The check's pairs for an ordered capture: every photo with its next `window` photos (wrapping
 * round: a ring closes), and in a long set every second photo also with photos 2w, 4w, 8w… on,
 * which finds the next ring of a multi-ring capture or a loop a walk closes, at half the cost of
 * doing it for every photo.
 */
export function checkPairs(names: string[], window: number): [string, string][] {
  return sequentialPairs(names, window, { farEvery: 2 });
}

/** At most this many photos go through the mapper; the rest are judged by their matches. */
export const MAX_MAPPED = 100;

/**
 * The photos the mapper places: the whole group up to MAX_MAPPED, else an even spread in capture
 * order (every k-th). The mapper's cost grows faster than the photo count (177 of 415 CPU-seconds
 * for 300 photos), and a spread of 100 still shows every arc of a ring wider than a few steps.
 */
export function mappedSubset(group: number[], max = MAX_MAPPED): number[] {
  if (group.length <= max) return group;
  const sorted = [...group].sort((a, b) => a - b);
  const step = sorted.length / max;
  return Array.from({ length: max }, (_, k) => sorted[Math.floor(k * step)]!);
}

const paths = (root: string) => ({
  database: path.join(root, 'check.db'),
  sparse: path.join(root, 'sparse'),
  pairs: path.join(root, 'pairs.txt'),
  list: path.join(root, 'images.txt'),
});

/** Feature extraction and matching; returns every verified (or tried) pair with its inliers. */
export async function matchPhotos(o: QuickSfmOptions): Promise<Pair[]> {
  const p = paths(o.root);
  await rm(p.database, { force: true });
  await mkdir(o.root, { recursive: true });
  const hooks = { signal: o.signal, onLine: o.onLog };
  const n = o.names.length;
  const camera = !o.camera
    ? ['--ImageReader.single_camera', '0']
    : o.camera.focalPx === undefined
      ? ['--ImageReader.single_camera', '1']
      : [
          '--ImageReader.single_camera',
          '1',
          '--ImageReader.camera_params',
          `${o.camera.focalPx},${o.camera.width / 2},${o.camera.height / 2},0`,
        ];
  await runStep({
    colmap: o.colmap,
    step: 'feature_extractor',
    args: [
      '--database_path', p.database, '--image_path', o.images, '--ImageReader.camera_model', 'SIMPLE_RADIAL', ...camera,
      '--SiftExtraction.use_gpu', '0', '--SiftExtraction.num_threads', String(o.threads),
      '--SiftExtraction.max_image_size', '800', '--SiftExtraction.max_num_features', String(CHECK_FEATURES),
      '--SiftExtraction.first_octave', '0', '--SiftExtraction.max_num_orientations', '1',
      '--SiftExtraction.estimate_affine_shape', '0', '--SiftExtraction.domain_size_pooling', '0',
    ],
    ...hooks,
    onEvent: (e) => e.kind === 'extract' && o.onProgress?.('features', e.done / Math.max(1, e.total)),
  }); // prettier-ignore

  // No cross-check: COLMAP 3.8's CPU matcher builds a FLANN tree per image of every pair and
  // searches it, once each way with the cross-check; one way halves the matching time, and the
  // geometric verification throws out what the cross-check would have (measured: 7.2 vs 12.2
  // CPU-seconds for 170 pairs of 1,024 features, as many pairs verified).
  // Announced before the first pair list runs: a small set's list is one process, one report.
  o.onProgress?.('matching', 0);
  const matchArgs = ['--database_path', p.database, '--SiftMatching.use_gpu', '0', '--SiftMatching.num_threads', String(o.threads), '--SiftMatching.max_num_trials', String(CHECK_MAX_TRIALS), '--SiftMatching.cross_check', '0']; // prettier-ignore
  if (!o.ordered) {
    await runStep({
      colmap: o.colmap,
      step: 'exhaustive_matcher',
      args: [...matchArgs, '--ExhaustiveMatching.block_size', '10'],
      ...hooks,
      onEvent: (e) => e.kind === 'match-block' && o.onProgress?.('matching', ((e.i - 1) * e.blocks + e.j) / (e.blocks * e.blocks)), // prettier-ignore
    });
    return readPairs(p.database, o.names);
  }
  const window = checkWindow(n);
  const first = checkPairs(o.names, window);
  const importPairs = async (list: [string, string][], from: number, to: number): Promise<void> => {
    // One matches_importer per chunk: progress per chunk (COLMAP 3.8 reports none inside a list).
    // Each start costs a process and a database open, so chunks stay large: a small set is one.
    const chunk = Math.max(200, Math.ceil(list.length / 6));
    for (let k = 0; k < list.length; k += chunk) {
      await writeFile(p.pairs, list.slice(k, k + chunk).map(([a, b]) => `${a} ${b}\n`).join('')); // prettier-ignore
      await runStep({ colmap: o.colmap, step: 'matches_importer', args: [...matchArgs, '--match_list_path', p.pairs, '--match_type', 'pairs'], ...hooks }); // prettier-ignore
      o.onProgress?.('matching', from + (to - from) * Math.min(1, (k + chunk) / list.length));
    }
  };
  await importPairs(first, 0, 0.8);
  const pairs = await readPairs(p.database, o.names);
  const bridges = bridgePairs(n, pairs, window);
  if (bridges.length === 0) return pairs;
  o.onLog?.(`Check: matching ${bridges.length} more pairs around photos that did not join the main group.`);
  await importPairs(
    bridges.map(([a, b]) => [o.names[a]!, o.names[b]!]),
    0.8,
    1,
  );
  return readPairs(p.database, o.names);
}

/**
 * Second-round pairs for an ordered capture: a run of photos that match nothing (another object,
 * blurred shots) cuts the chain of neighbours, and the good photos on either side then look like
 * separate groups. Each photo outside the main group is tried against its nearest photos (in file
 * order) of other groups that were not tried yet.
 */
export function bridgePairs(n: number, tried: Pair[], window: number): [number, number][] {
  const groups = components(n, tried);
  if (groups.length < 2) return [];
  const groupOf = new Array<number>(n);
  groups.forEach((g, k) => g.forEach((i) => (groupOf[i] = k)));
  const seen = new Set(tried.map((t) => `${Math.min(t.a, t.b)},${Math.max(t.a, t.b)}`));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (groupOf[i] === 0) continue;
    let found = 0;
    for (let d = 1; d < n && found < 2 * window; d++) {
      for (const j of [(i + d) % n, (i - d + n) % n]) {
        if (groupOf[j] === groupOf[i] || found >= 2 * window) continue;
        const key = `${Math.min(i, j)},${Math.max(i, j)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push([Math.min(i, j), Math.max(i, j)]);
        found++;
      }
    }
  }
  return out;
}

/**
 * Places the photos of one group with the mapper (only that group: it would otherwise start from
 * whichever pair looks best, perhaps in a small group) and returns their camera centres by index
 * into `names`.
 */
export async function placePhotos(o: QuickSfmOptions, group: number[]): Promise<Map<number, Vec3>> {
  const p = paths(o.root);
  const centres = new Map<number, Vec3>();
  if (group.length < 2) return centres;
  await writeFile(p.list, group.map((i) => `${o.names[i]}\n`).join(''));
  await rm(p.sparse, { recursive: true, force: true });
  await mkdir(p.sparse, { recursive: true });
  o.onProgress?.('mapping', 0);
  const first = await mapOnce(o, group, ['--output_path', p.sparse]);
  if (!first) return centres;
  const index = new Map(o.names.map((name, i) => [name, i]));
  // The mapper's binary model, read in place (no model_converter process, no text copy).
  const read = async (model: string): Promise<void> => {
    for (const img of await readImageCentres(model)) {
      const i = index.get(img.name);
      if (i !== undefined) centres.set(i, img.center);
    }
  };
  await read(first);
  const missing = group.length - centres.size;
  if (missing === 0 || centres.size < 3) return centres;
  // A second attempt from the finished model: with several threads the mapper's order varies, and
  // now and then it gives up on a run of good photos that register once the model around them is
  // complete. Only the missing photos cost time here.
  o.onLog?.(`Check: ${missing} photo(s) of the main group not placed; trying them again on the finished model.`); // prettier-ignore
  const again = path.join(o.root, 'sparse-again');
  await rm(again, { recursive: true, force: true });
  await mkdir(again, { recursive: true });
  const second = await mapOnce(o, group, ['--input_path', first, '--output_path', again]);
  if (second) await read(second);
  return centres;
}

/** One mapper run over `group` (image list in p.list); the model's folder, or undefined for none. */
async function mapOnce(o: QuickSfmOptions, group: number[], io: string[]): Promise<string | undefined> {
  const p = paths(o.root);
  const hooks = { signal: o.signal, onLine: o.onLog };
  const out = io[io.indexOf('--output_path') + 1]!;
  try {
    await runStep({
      colmap: o.colmap,
      step: 'mapper',
      args: [
        '--database_path', p.database, '--image_path', o.images, ...io, '--image_list_path', p.list,
        '--Mapper.num_threads', String(o.threads), '--Mapper.multiple_models', '0', '--Mapper.min_model_size', '3',
        // Poses good to a few degrees are all the check needs: lighter bundle adjustment. With
        // 1,024 features per small copy, 15 inliers (COLMAP: 30) place a photo; at 30 a planted
        // 36-view ring lost a run of 7 photos (read as a false 141° gap).
        '--Mapper.abs_pose_min_num_inliers', '15',
        '--Mapper.ba_local_max_num_iterations', '10', '--Mapper.ba_global_max_num_iterations', '15',
        '--Mapper.ba_global_images_ratio', '1.4', '--Mapper.ba_global_points_ratio', '1.4',
        '--Mapper.ba_refine_extra_params', '0',
      ],
      ...hooks,
      onEvent: (e) => e.kind === 'register' && o.onProgress?.('mapping', e.registered / group.length),
    }); // prettier-ignore
  } catch (e) {
    // COLMAP 3.8 exits 1 when no pair can start a model: the check reports "no model", not an error.
    if (!(e instanceof ToolError && /failed to create sparse model|No images with matches/i.test(e.message)))
      throw e;
  }
  // A new model goes to a numbered sub-folder; one continued from --input_path to the folder itself.
  const entries = await readdir(out).catch(() => [] as string[]);
  if (entries.includes('images.bin') || entries.includes('images.txt')) return out;
  const models = entries.filter((d) => /^\d+$/.test(d)).sort();
  return models.length > 0 ? path.join(out, models[0]!) : undefined;
}
