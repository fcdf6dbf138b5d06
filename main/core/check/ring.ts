/**
 * Gaps in a ring capture, from the camera centres the quick reconstruction found. The centres are
 * projected onto their best-fit plane; when they lie around a centre at a similar distance (a ring,
 * a turntable, a dome seen from above) the angles between neighbours should be alike, and an arc
 * much wider than the usual step is a side of the object no photo saw. Pure.
 */
import { eigenSymmetric3, type Vec3 } from '../vec3.js';
import { median } from './measures.js';

export type { Vec3 };

export interface RingGap {
  degrees: number;
  /** Indices (into the centres given) of the photos on either side of the arc, in angle order. */
  after: number;
  before: number;
}

export interface RingAnalysis {
  isRing: boolean;
  /** Spread of the distances to the ring's centre (standard deviation / mean). */
  radialSpread: number;
  medianStepDegrees: number;
  gaps: RingGap[];
}

/** An arc counts as a gap from this many degrees and this many usual steps on. */
export const GAP_MIN_DEGREES = 30;
export const GAP_STEPS = 3;
/** Centres further spread than this around their mean distance are not a ring. */
const MAX_RADIAL_SPREAD = 0.35;
const MIN_RING_PHOTOS = 8;

export function findRingGaps(centres: Vec3[]): RingAnalysis {
  const none = (radialSpread: number, step = NaN): RingAnalysis => ({
    isRing: false,
    radialSpread,
    medianStepDegrees: step,
    gaps: [],
  });
  const n = centres.length;
  if (n < MIN_RING_PHOTOS) return none(NaN);
  const c: Vec3 = [0, 0, 0];
  for (const p of centres) for (let k = 0; k < 3; k++) c[k] = c[k]! + p[k]! / n;
  const d = centres.map((p) => [p[0] - c[0], p[1] - c[1], p[2] - c[2]] as Vec3);
  const cov = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const v of d)
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) cov[i * 3 + j] = cov[i * 3 + j]! + v[i]! * v[j]!;
  const { vectors } = eigenSymmetric3(cov);
  // Eigenvalues ascending: the first vector is the plane's normal, the other two span it.
  const u = vectors[2]!;
  const w = vectors[1]!;
  const flat = d.map((v) => [dot(v, u), dot(v, w)] as [number, number]);
  // Angles around the fitted circle's centre, not the centroid: a missing arc pulls the centroid
  // away from it and would make the gap look smaller.
  const circle = fitCircle(flat);
  const pts = flat.map(([x, y]) => [x - circle[0], y - circle[1]] as [number, number]);
  const radii = pts.map(([x, y]) => Math.hypot(x, y));
  const mean = radii.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(radii.reduce((a, r) => a + (r - mean) ** 2, 0) / n);
  const spread = mean > 0 ? sd / mean : Infinity;
  const order = pts
    .map(([x, y], i) => ({ i, a: (Math.atan2(y, x) * 180) / Math.PI }))
    .sort((p, q) => p.a - q.a);
  const steps = order.map((p, k) => {
    const next = order[(k + 1) % n]!;
    return { after: p.i, before: next.i, degrees: k + 1 < n ? next.a - p.a : next.a + 360 - p.a };
  });
  const step = median(steps.map((s) => s.degrees));
  const widest = Math.max(...steps.map((s) => s.degrees));
  // A half-circle or less is an arc, not a ring with a gap: nothing to compare the gap with.
  if (spread > MAX_RADIAL_SPREAD || 360 - widest < 180) return none(spread, step);
  const limit = Math.max(GAP_MIN_DEGREES, GAP_STEPS * step);
  return {
    isRing: true,
    radialSpread: spread,
    medianStepDegrees: step,
    gaps: steps
      .filter((s) => s.degrees >= limit)
      .map((s) => ({ degrees: Math.round(s.degrees), after: s.after, before: s.before })),
  };
}

/**
 * Least-squares circle through 2D points (Kåsa: x² + y² + Dx + Ey + F = 0, linear in D, E, F);
 * returns the centre. Falls back to the centroid when the points are degenerate (a line).
 */
export function fitCircle(pts: [number, number][]): [number, number] {
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const r = [0, 0, 0];
  for (const [x, y] of pts) {
    const row = [x, y, 1];
    const b = -(x * x + y * y);
    for (let i = 0; i < 3; i++) {
      r[i] = r[i]! + row[i]! * b;
      for (let j = 0; j < 3; j++) m[i * 3 + j] = m[i * 3 + j]! + row[i]! * row[j]!;
    }
  }
  const sol = solve3(m, r);
  if (!sol) {
    const n = Math.max(1, pts.length);
    return [pts.reduce((a, p) => a + p[0], 0) / n, pts.reduce((a, p) => a + p[1], 0) / n];
  }
  return [-sol[0] / 2, -sol[1] / 2];
}

/** Cramer's rule for a 3×3 system; undefined when singular. */
function solve3(m: number[], r: number[]): [number, number, number] | undefined {
  const det = (a: number[]): number =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) -
    a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) +
    a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (Math.abs(d) < 1e-12) return undefined;
  const col = (k: number): number[] => m.map((v, i) => (i % 3 === k ? r[Math.floor(i / 3)]! : v));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
