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

/**
 * Whether photos `a` and `b` are linked through a chain of the `through` photos (each step a pair
 * with ≥ minInliers), with at least one photo of `through` on the way. The quick mapper sometimes
 * leaves out a run of photos that match well (its multi-threaded order varies); the arc they
 * cover then looks empty. If the photos on either side of an arc reach each other through the
 * photos it did not place, the arc was photographed: no gap.
 */
export function linkedThrough(
  a: number,
  b: number,
  through: Set<number>,
  pairs: Pair[],
  minInliers = MIN_EDGE_INLIERS,
): boolean {
  const next = new Map<number, number[]>();
  const add = (x: number, y: number): void => void next.set(x, [...(next.get(x) ?? []), y]);
  for (const p of pairs) {
    if (p.inliers < minInliers) continue;
    add(p.a, p.b);
    add(p.b, p.a);
  }
  const seen = new Set<number>([a]);
  let frontier = (next.get(a) ?? []).filter((x) => through.has(x));
  for (const x of frontier) seen.add(x);
  while (frontier.length > 0) {
    const after: number[] = [];
    for (const x of frontier) {
      for (const y of next.get(x) ?? []) {
        if (y === b) return true;
        if (seen.has(y) || !through.has(y)) continue;
        seen.add(y);
        after.push(y);
      }
    }
    frontier = after;
  }
  return false;
}
