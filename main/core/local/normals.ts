/**
 * Oriented normals for a sparse point cloud, so Poisson meshing works without CUDA: each normal is
 * the direction of least spread among the point's nearest neighbours (PCA), flipped to face the
 * cameras that saw the point. Points seen by few cameras or far from their neighbours are dropped
 * first: they are where Poisson grows bubbles.
 */
import { writeFile } from 'node:fs/promises';
import { eigenSymmetric3, type Vec3 } from '../vec3.js';

export type { Vec3 };

export interface OrientedPoint {
  p: Vec3;
  n: Vec3;
  rgb: [number, number, number];
}

export interface NormalInput {
  xyz: Vec3;
  rgb: [number, number, number];
  error: number;
  /** Centres of the cameras that observed the point. */
  seenFrom: Vec3[];
}

export interface NormalOptions {
  k?: number;
  minTrack?: number;
  maxError?: number;
}

export function estimateOrientedNormals(points: NormalInput[], opts: NormalOptions = {}): OrientedPoint[] {
  const k = opts.k ?? 12;
  const good = points.filter(
    (p) => p.seenFrom.length >= (opts.minTrack ?? 3) && p.error <= (opts.maxError ?? 2),
  );
  if (good.length < k + 1) return [];
  const xyz = good.map((p) => p.xyz);
  const grid = buildGrid(xyz, k);
  const neighbours = xyz.map((p, i) => knn(grid, xyz, p, k, i));
  // Statistical outlier removal: mean neighbour distance more than 2σ above the average.
  const meanDist = neighbours.map(
    (nb, i) => nb.reduce((s, j) => s + dist(xyz[i]!, xyz[j]!), 0) / Math.max(1, nb.length),
  );
  const mu = meanDist.reduce((a, b) => a + b, 0) / meanDist.length;
  const sigma = Math.sqrt(meanDist.reduce((a, b) => a + (b - mu) ** 2, 0) / meanDist.length);
  const out: OrientedPoint[] = [];
  for (let i = 0; i < good.length; i++) {
    if (meanDist[i]! > mu + 2 * sigma) continue;
    const nb = neighbours[i]!;
    let n = smallestEigenvector(covariance([xyz[i]!, ...nb.map((j) => xyz[j]!)]));
    const p = good[i]!;
    const toCams = p.seenFrom.reduce<Vec3>(
      (acc, c) => {
        const d = norm([c[0] - p.xyz[0], c[1] - p.xyz[1], c[2] - p.xyz[2]]);
        return [acc[0] + d[0], acc[1] + d[1], acc[2] + d[2]];
      },
      [0, 0, 0],
    );
    if (dot(n, toCams) < 0) n = [-n[0], -n[1], -n[2]];
    out.push({ p: p.xyz, n, rgb: p.rgb });
  }
  return out;
}

/** Binary PLY with float x y z nx ny nz and uchar colours, as poisson_mesher reads it. */
export async function writeOrientedPly(file: string, pts: OrientedPoint[]): Promise<void> {
  const header = [
    'ply',
    'format binary_little_endian 1.0',
    `element vertex ${pts.length}`,
    'property float x',
    'property float y',
    'property float z',
    'property float nx',
    'property float ny',
    'property float nz',
    'property uchar red',
    'property uchar green',
    'property uchar blue',
    'end_header',
    '',
  ].join('\n');
  const stride = 27;
  const body = Buffer.alloc(pts.length * stride);
  pts.forEach((q, i) => {
    const o = i * stride;
    for (let a = 0; a < 3; a++) {
      body.writeFloatLE(q.p[a]!, o + 4 * a);
      body.writeFloatLE(q.n[a]!, o + 12 + 4 * a);
      body[o + 24 + a] = Math.max(0, Math.min(255, Math.round(q.rgb[a]!)));
    }
  });
  await writeFile(file, Buffer.concat([Buffer.from(header, 'latin1'), body]));
}

interface Grid {
  cell: number;
  min: Vec3;
  cells: Map<string, number[]>;
}

/** A uniform grid sized so an average occupied cell holds about k points. */
function buildGrid(xyz: Vec3[], k: number): Grid {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of xyz) {
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a]!, p[a]!);
      max[a] = Math.max(max[a]!, p[a]!);
    }
  }
  // Sparse SfM points lie on surfaces (≈ 2D), so size cells by area, not volume.
  const extent = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2], 1e-9);
  const cell = Math.max(extent * Math.sqrt(k / xyz.length), extent / 1000);
  const cells = new Map<string, number[]>();
  xyz.forEach((p, i) => {
    const key = cellKey(p, min, cell, 0, 0, 0);
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  });
  return { cell, min, cells };
}

function cellKey(p: Vec3, min: Vec3, cell: number, dx: number, dy: number, dz: number): string {
  return `${Math.floor((p[0] - min[0]) / cell) + dx},${Math.floor((p[1] - min[1]) / cell) + dy},${Math.floor((p[2] - min[2]) / cell) + dz}`;
}

function knn(g: Grid, xyz: Vec3[], p: Vec3, k: number, self: number): number[] {
  // Grow the search shell until k neighbours are found within a radius the shell fully covers.
  for (let r = 1; r <= 8; r++) {
    const found: { j: number; d: number }[] = [];
    for (let dx = -r; dx <= r; dx++) {
      for (let dy = -r; dy <= r; dy++) {
        for (let dz = -r; dz <= r; dz++) {
          for (const j of g.cells.get(cellKey(p, g.min, g.cell, dx, dy, dz)) ?? []) {
            if (j !== self) found.push({ j, d: dist(p, xyz[j]!) });
          }
        }
      }
    }
    found.sort((a, b) => a.d - b.d);
    if (found.length >= k && found[k - 1]!.d <= r * g.cell) return found.slice(0, k).map((f) => f.j);
    if (r === 8) return found.slice(0, k).map((f) => f.j);
  }
  return [];
}

function covariance(pts: Vec3[]): number[] {
  const c: Vec3 = [0, 0, 0];
  for (const p of pts) for (let a = 0; a < 3; a++) c[a] = c[a]! + p[a]! / pts.length;
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const p of pts) {
    const d = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) m[a * 3 + b]! += d[a]! * d[b]!;
  }
  return m;
}

/** The unit eigenvector of a symmetric 3×3 matrix's smallest eigenvalue (a point cloud's normal). */
export function smallestEigenvector(m: number[]): Vec3 {
  return norm(eigenSymmetric3(m).vectors[0]!);
}

function dist(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function norm(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
}
