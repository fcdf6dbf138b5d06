/**
 * What the pre-flight check learned about a set, handed to the local run's plan: which photos
 * overlap. The check matched small copies of every photo (its pairs verified or not), so the local
 * run need not try again the pairs that did not verify: it matches the check's verified pairs, in an
 * ordered capture also the chain of next neighbours (so a pair the small copies missed cannot cut
 * the set in two), and for a photo the check linked to nothing its usual candidates (at full size
 * it may still join).
 */
import path from 'node:path';
import type { ImageInfo } from './image-set.js';

/** The check's match graph over the photos it looked at. */
export interface MatchPrior {
  /** The photos the check looked at: paths as the reconstruction gets them. */
  photos: string[];
  /** Pairs the check tried, as indices into `photos`, with their inlier matches (0: did not verify). */
  pairs: { a: number; b: number; inliers: number }[];
}

/** A check pair with fewer inliers than this is no link (the check's own MIN_EDGE_INLIERS). */
export const PRIOR_MIN_INLIERS = 20;

/**
 * Pairs of COLMAP names for `images` (capture order, `name` set) from the check's graph, or
 * undefined when the check did not see every one of these photos (the set changed since: plan
 * from zero). Photos the check saw that are not in `images` (dropped by the person) are left out.
 */
export function priorPairs(
  images: ImageInfo[],
  prior: MatchPrior,
  opts: { window: number; ordered: boolean },
): [string, string][] | undefined {
  const indexOfPath = new Map(prior.photos.map((p, i) => [path.resolve(p), i]));
  const ours = images.map((img) => indexOfPath.get(path.resolve(img.source)));
  if (images.length < 2 || ours.some((i) => i === undefined)) return undefined;
  const mine = new Map(ours.map((checkIndex, k) => [checkIndex!, k]));
  const n = images.length;
  const seen = new Set<string>();
  const out: [string, string][] = [];
  const linked = new Array<boolean>(n).fill(false);
  const add = (i: number, j: number): void => {
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    if (a === b || seen.has(`${a},${b}`)) return;
    seen.add(`${a},${b}`);
    out.push([images[a]!.name, images[b]!.name]);
  };
  for (const p of prior.pairs) {
    const a = mine.get(p.a);
    const b = mine.get(p.b);
    if (a === undefined || b === undefined || p.inliers < PRIOR_MIN_INLIERS) continue;
    linked[a] = linked[b] = true;
    add(a, b);
  }
  // In capture order: the chain of next neighbours, and an unlinked photo's window both ways. In no
  // order: an unlinked photo with every other photo (as exhaustive matching would have).
  const reach = opts.ordered ? Math.min(opts.window, n - 1) : n - 1;
  for (let i = 0; i < n; i++) {
    if (opts.ordered) add(i, (i + 1) % n);
    if (linked[i]) continue;
    for (let k = 1; k <= reach; k++) {
      add(i, (i + k) % n);
      add(i, (i - k + n) % n);
    }
  }
  return out;
}

/** A photo as the check and a job both name it: its file, or its entry inside a zip. */
export type PhotoKey = string;
export function photoKey(
  source: string | { zipPath: string; entryName: string } | { kind: string; path?: string; zipPath?: string; entryName?: string }, // prettier-ignore
): PhotoKey {
  if (typeof source === 'string') return path.resolve(source);
  if ('path' in source && source.path !== undefined) return path.resolve(source.path);
  return `${path.resolve(source.zipPath ?? '')}\u0000${source.entryName ?? ''}`;
}
