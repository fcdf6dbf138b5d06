/**
 * Similarity alignment (scale, rotation, translation) of a reconstruction to ground truth — Horn's
 * closed form with quaternions, the least-squares solution Umeyama also gives. SfM models have an
 * arbitrary frame and scale, so every accuracy check first aligns camera centres this way.
 */
import { quatToMatrix } from '../colmap-model.js';
import type { Vec3 } from '../normals.js';

export interface Similarity {
  scale: number;
  /** Row-major 3×3. */
  rotation: number[];
  translation: Vec3;
}

export function alignSimilarity(from: Vec3[], to: Vec3[]): Similarity {
  if (from.length !== to.length || from.length < 3)
    throw new Error('alignSimilarity needs ≥ 3 corresponding points');
  const n = from.length;
  const ma = mean(from);
  const mb = mean(to);
  const S = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let sa = 0;
  for (let i = 0; i < n; i++) {
    const a = sub(from[i]!, ma);
    const b = sub(to[i]!, mb);
    sa += a[0] ** 2 + a[1] ** 2 + a[2] ** 2;
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) S[r * 3 + c] = S[r * 3 + c]! + a[r]! * b[c]!;
  }
  const [xx, xy, xz, yx, yy, yz, zx, zy, zz] = S as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const N = [
    [xx + yy + zz, yz - zy, zx - xz, xy - yx],
    [yz - zy, xx - yy - zz, xy + yx, zx + xz],
    [zx - xz, xy + yx, -xx + yy - zz, yz + zy],
    [xy - yx, zx + xz, yz + zy, -xx - yy + zz],
  ];
  const q = largestEigenvector(N);
  const rotation = quatToMatrix(q[0]!, q[1]!, q[2]!, q[3]!);
  let num = 0;
  for (let i = 0; i < n; i++) num += dot(sub(to[i]!, mb), rotate(rotation, sub(from[i]!, ma)));
  const scale = num / sa;
  const rm = rotate(rotation, ma);
  return {
    scale,
    rotation,
    translation: [mb[0] - scale * rm[0], mb[1] - scale * rm[1], mb[2] - scale * rm[2]],
  };
}

export function applySimilarity(t: Similarity, p: Vec3): Vec3 {
  const r = rotate(t.rotation, p);
  return [
    t.scale * r[0] + t.translation[0],
    t.scale * r[1] + t.translation[1],
    t.scale * r[2] + t.translation[2],
  ];
}

function largestEigenvector(m: number[][]): number[] {
  const n = m.length;
  const a = m.map((r) => [...r]);
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (a[i]![i]! > a[best]![best]!) best = i;
  const out = v.map((row) => row[best]!);
  const l = Math.hypot(...out);
  return out.map((x) => x / l);
}

function rotate(r: number[], p: Vec3): Vec3 {
  return [
    r[0]! * p[0] + r[1]! * p[1] + r[2]! * p[2],
    r[3]! * p[0] + r[4]! * p[1] + r[5]! * p[2],
    r[6]! * p[0] + r[7]! * p[1] + r[8]! * p[2],
  ];
}
function mean(ps: Vec3[]): Vec3 {
  const m: Vec3 = [0, 0, 0];
  for (const p of ps) for (let k = 0; k < 3; k++) m[k] = m[k]! + p[k]! / ps.length;
  return m;
}
function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
