/**
 * The match graph of a set: photos are nodes, a verified pair (enough geometric inliers) an edge.
 * Its connected components are the groups of photos that can end up in one model; a photo's
 * strongest links say how well it overlaps its neighbours. Pure, over plain pair lists.
 */
import { median } from './measures.js';

export interface Pair {
  a: number;
  b: number;
  /** Inlier matches after geometric verification (0: the pair did not verify). */
  inliers: number;
}

/** A pair with fewer inliers than this is no link (COLMAP's own default minimum is 15). */
export const MIN_EDGE_INLIERS = 20;

/** Connected components over edges with ≥ minInliers, largest first (ties: lowest photo first). */
export function components(n: number, pairs: Pair[], minInliers = MIN_EDGE_INLIERS): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const p of pairs) {
    if (p.inliers < minInliers) continue;
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), i]);
  }
  return [...byRoot.values()].sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

/**
 * Per photo: inliers with its two best partners summed. A photo in the middle of a sequence has two
 * good neighbours; one at the edge of a gap still has one; a photo that barely overlaps has neither.
 */
export function overlapStrength(n: number, pairs: Pair[]): number[] {
  const best = Array.from({ length: n }, () => [0, 0] as [number, number]);
  const offer = (i: number, v: number): void => {
    const b = best[i]!;
    if (v > b[0]) {
      b[1] = b[0];
      b[0] = v;
    } else if (v > b[1]) b[1] = v;
  };
  for (const p of pairs) {
    offer(p.a, p.inliers);
    offer(p.b, p.inliers);
  }
  return best.map(([x, y]) => x + y);
}

/** Below this share of the group's median strength a photo counts as barely overlapping. */
export const FEW_OVERLAPS_RATIO = 0.2;
export const FEW_OVERLAPS_MIN = 40;

/** Photos of `group` whose overlap is far below the group's median. */
export function weakPhotos(
  group: number[],
  strength: number[],
): { index: number; matches: number; median: number }[] {
  const m = median(group.map((i) => strength[i]!));
  const limit = Math.max(FEW_OVERLAPS_MIN, FEW_OVERLAPS_RATIO * m);
  return group
    .filter((i) => strength[i]! < limit)
    .map((i) => ({ index: i, matches: strength[i]!, median: m }));
}
