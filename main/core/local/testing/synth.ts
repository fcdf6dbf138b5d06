/**
 * A deterministic synthetic multi-view set we own: richly textured boxes and a sphere on a textured
 * ground, seen by cameras on a ring, ray-cast on the CPU and written as PNG (COLMAP reads PNG and Node
 * has zlib, so no image library is needed). Every texture is a solid (3D) procedural texture of the
 * world point and shading is Lambertian, so a surface point looks the same from every view — which is
 * what feature matching needs. The ground truth (intrinsics, poses, the surfaces as distance
 * functions) comes back with the files so tests can measure the reconstruction.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodePng } from '../../testing/png.js';

export type Vec3 = [number, number, number];

export interface SynthView {
  file: string;
  /** World-to-camera rotation, row-major (COLMAP convention: x right, y down, z forward). */
  rotation: number[];
  /** World-to-camera translation: x_cam = R x_world + t. */
  translation: Vec3;
  /** Camera centre in world coordinates. */
  center: Vec3;
}

export interface SynthResult {
  dir: string;
  width: number;
  height: number;
  /** Pinhole intrinsics in pixels. */
  focal: number;
  cx: number;
  cy: number;
  ringRadius: number;
  views: SynthView[];
  /** Distance from a world point to the nearest true surface (ground disc, boxes, sphere). */
  distanceToSurface(p: Vec3): number;
}

export interface SynthOptions {
  dir: string;
  views?: number;
  width?: number;
  height?: number;
  /** Name files with this prefix (e.g. to test non-ASCII names). */
  prefix?: string;
  /** Only render the first n views of the ring (the ring spacing stays that of `views`). */
  only?: number;
  /** false: compute the ground truth only, write no files (to score an existing set). */
  write?: boolean;
  /** Which scene: the usual objects, or another object (other shapes, other textures). */
  scene?: SceneName;
  /** Views of the ring to leave out (a missing arc); the others keep their place on the ring. */
  skip?: (index: number) => boolean;
  /** Changes a view's pixels before it is written (blur, exposure…): RGB, row-major. */
  postprocess?: (index: number, rgb: Uint8Array, width: number, height: number) => void;
}

export type SceneName = 'objects' | 'other';

interface Box {
  kind: 'box';
  min: Vec3;
  max: Vec3;
}
interface Sphere {
  kind: 'sphere';
  c: Vec3;
  r: number;
}
type Solid = Box | Sphere;

const GROUND_HALF = 6;
const SOLIDS: Solid[] = [
  { kind: 'box', min: [-0.2, -0.6, 0], max: [0.8, 0.2, 1.0] },
  { kind: 'sphere', c: [-0.7, 0.6, 0.45], r: 0.45 },
  { kind: 'box', min: [-0.8, -1.2, 0], max: [-0.2, -0.6, 0.6] },
  { kind: 'box', min: [0.5, 0.5, 0], max: [1.1, 1.1, 0.35] },
];
/** Another object for "a photo of something else filed among the good ones": nothing matches. */
const OTHER_SOLIDS: Solid[] = [
  { kind: 'sphere', c: [0.3, -0.2, 0.7], r: 0.7 },
  { kind: 'box', min: [-1.0, 0.2, 0], max: [-0.3, 1.0, 1.2] },
];
interface Scene {
  solids: Solid[];
  /** Offset of every texture seed: a different seed is a different surface. */
  seed: number;
}
const SCENES: Record<SceneName, Scene> = {
  objects: { solids: SOLIDS, seed: 0 },
  other: { solids: OTHER_SOLIDS, seed: 1000 },
};
const LIGHT: Vec3 = norm([0.4, 0.3, 0.85]);

export async function generateSyntheticSet(opts: SynthOptions): Promise<SynthResult> {
  const n = opts.views ?? 30;
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const focal = 0.875 * width;
  const cx = width / 2;
  const cy = height / 2;
  const ringRadius = 4;
  const target: Vec3 = [0, 0, 0.35];
  if (opts.write !== false) await mkdir(opts.dir, { recursive: true });
  const views: SynthView[] = [];
  const count = Math.min(n, opts.only ?? n);
  const scene = SCENES[opts.scene ?? 'objects'];
  for (let i = 0; i < count; i++) {
    if (opts.skip?.(i)) continue;
    const a = (2 * Math.PI * i) / n;
    // A gentle height wobble keeps the ring from being degenerate (all centres coplanar is fine for
    // SfM, but varied heights make the similarity alignment better conditioned).
    const center: Vec3 = [ringRadius * Math.cos(a), ringRadius * Math.sin(a), 1.7 + 0.25 * Math.sin(3 * a)];
    const f = norm(sub(target, center));
    const r = norm(cross(f, [0, 0, 1]));
    const d = cross(f, r);
    const rotation = [...r, ...d, ...f];
    const translation: Vec3 = [-dot(r, center), -dot(d, center), -dot(f, center)];
    const file = path.join(opts.dir, `${opts.prefix ?? 'view'}_${String(i).padStart(3, '0')}.png`);
    if (opts.write !== false) {
      const rgb = render(scene, width, height, focal, cx, cy, center, r, d, f);
      opts.postprocess?.(i, rgb, width, height);
      await writeFile(file, encodePng(width, height, rgb));
    }
    views.push({ file, rotation, translation, center });
  }
  return { dir: opts.dir, width, height, focal, cx, cy, ringRadius, views, distanceToSurface };
}

function render(
  scene: Scene,
  w: number,
  h: number,
  focal: number,
  cx: number,
  cy: number,
  o: Vec3,
  r: Vec3,
  d: Vec3,
  f: Vec3,
): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  const dir: Vec3 = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = (x + 0.5 - cx) / focal;
      const v = (y + 0.5 - cy) / focal;
      for (let k = 0; k < 3; k++) dir[k] = r[k]! * u + d[k]! * v + f[k]!;
      const hit = castRay(scene.solids, o, dir);
      const idx = (y * w + x) * 3;
      if (!hit) {
        // Featureless sky: a smooth gradient gives SIFT nothing to latch on to, like a studio backdrop.
        const g = 170 + 40 * v;
        out[idx] = g;
        out[idx + 1] = g + 10;
        out[idx + 2] = 230;
        continue;
      }
      const [cr, cg, cb] = shade(hit.p, hit.n, hit.id, scene.seed);
      out[idx] = cr;
      out[idx + 1] = cg;
      out[idx + 2] = cb;
    }
  }
  return out;
}

function castRay(solids: Solid[], o: Vec3, dir: Vec3): { p: Vec3; n: Vec3; id: number } | undefined {
  let best = Infinity;
  let n: Vec3 = [0, 0, 1];
  let id = -1;
  // Ground plane z = 0, limited to a square so the far field does not alias into noise.
  if (dir[2] < 0) {
    const t = -o[2] / dir[2];
    const px = o[0] + t * dir[0];
    const py = o[1] + t * dir[1];
    if (Math.abs(px) < GROUND_HALF && Math.abs(py) < GROUND_HALF) {
      best = t;
      id = 0;
    }
  }
  for (let s = 0; s < solids.length; s++) {
    const solid = solids[s]!;
    const hit = solid.kind === 'box' ? rayBox(o, dir, solid) : raySphere(o, dir, solid);
    if (hit && hit.t < best) {
      best = hit.t;
      n = hit.n;
      id = s + 1;
    }
  }
  if (id < 0) return undefined;
  const p: Vec3 = [o[0] + best * dir[0], o[1] + best * dir[1], o[2] + best * dir[2]];
  return { p, n, id };
}

function rayBox(o: Vec3, dir: Vec3, b: Box): { t: number; n: Vec3 } | undefined {
  let tmin = -Infinity;
  let tmax = Infinity;
  let axis = 0;
  for (let k = 0; k < 3; k++) {
    const inv = 1 / dir[k]!;
    let t0 = (b.min[k]! - o[k]!) * inv;
    let t1 = (b.max[k]! - o[k]!) * inv;
    if (t0 > t1) [t0, t1] = [t1, t0];
    if (t0 > tmin) {
      tmin = t0;
      axis = k;
    }
    tmax = Math.min(tmax, t1);
  }
  if (tmax < tmin || tmin <= 0) return undefined;
  const n: Vec3 = [0, 0, 0];
  n[axis] = dir[axis]! > 0 ? -1 : 1;
  return { t: tmin, n };
}

function raySphere(o: Vec3, dir: Vec3, s: Sphere): { t: number; n: Vec3 } | undefined {
  const oc = sub(o, s.c);
  const a = dot(dir, dir);
  const b = dot(oc, dir);
  const c = dot(oc, oc) - s.r * s.r;
  const disc = b * b - a * c;
  if (disc < 0) return undefined;
  const t = (-b - Math.sqrt(disc)) / a;
  if (t <= 0) return undefined;
  const p: Vec3 = [o[0] + t * dir[0], o[1] + t * dir[1], o[2] + t * dir[2]];
  return { t, n: norm(sub(p, s.c)) };
}

function shade(p: Vec3, n: Vec3, id: number, seed: number): [number, number, number] {
  // Two solid noise fields: a coarse one picks the hue, a finer one the brightness. Different
  // scales per object keep the ground from looking like the boxes.
  const scale = id === 0 ? 3 : 5;
  const coarse = fbm(p[0] * scale, p[1] * scale, p[2] * scale, 3, 11 + id + seed);
  const fine = fbm(p[0] * scale * 3.1, p[1] * scale * 3.1, p[2] * scale * 3.1, 2, 97 + id + seed);
  const hue = coarse * 9 + id * 1.3;
  const value = 0.25 + 1.1 * Math.max(0, Math.min(1, (fine - 0.5) * 2.2 + 0.5));
  const light = 0.45 + 0.55 * Math.max(0, dot(n, LIGHT));
  const k = 255 * value * light * 0.7;
  return [
    clamp(k * (0.6 + 0.4 * Math.cos(hue))),
    clamp(k * (0.6 + 0.4 * Math.cos(hue + 2.1))),
    clamp(k * (0.6 + 0.4 * Math.cos(hue + 4.2))),
  ];
}

function fbm(x: number, y: number, z: number, octaves: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let total = 0;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x, y, z, seed + o * 31);
    total += amp;
    x *= 2.03;
    y *= 2.03;
    z *= 2.03;
    amp *= 0.5;
  }
  return sum / total;
}

function valueNoise(x: number, y: number, z: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const iz = Math.floor(z);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const fz = smooth(z - iz);
  // Written out (no closures): this runs ~50 million times per set.
  const s = Math.imul(seed, 144665);
  const x0 = Math.imul(ix, 374761393);
  const x1 = Math.imul(ix + 1, 374761393);
  const y0 = Math.imul(iy, 668265263);
  const y1 = Math.imul(iy + 1, 668265263);
  const z0 = Math.imul(iz, 2147483647) ^ s;
  const z1 = Math.imul(iz + 1, 2147483647) ^ s;
  const a = mix(hash(x0 ^ y0 ^ z0), hash(x1 ^ y0 ^ z0), fx);
  const b = mix(hash(x0 ^ y1 ^ z0), hash(x1 ^ y1 ^ z0), fx);
  const c = mix(hash(x0 ^ y0 ^ z1), hash(x1 ^ y0 ^ z1), fx);
  const d = mix(hash(x0 ^ y1 ^ z1), hash(x1 ^ y1 ^ z1), fx);
  return mix(mix(a, b, fy), mix(c, d, fy), fz);
}

function hash(h: number): number {
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const mix = (a: number, b: number, t: number): number => a + (b - a) * t;
const smooth = (t: number): number => t * t * (3 - 2 * t);
const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Unsigned distance to the nearest true surface; used to score a reconstructed mesh. */
export function distanceToSurface(p: Vec3): number {
  const inGround = Math.abs(p[0]) <= GROUND_HALF && Math.abs(p[1]) <= GROUND_HALF;
  let best = inGround ? Math.abs(p[2]) : Infinity;
  for (const s of SOLIDS) {
    if (s.kind === 'sphere') {
      best = Math.min(best, Math.abs(Math.hypot(p[0] - s.c[0], p[1] - s.c[1], p[2] - s.c[2]) - s.r));
    } else {
      // Signed distance of an axis-aligned box, made unsigned.
      const q = [0, 1, 2].map(
        (k) => Math.abs(p[k]! - (s.min[k]! + s.max[k]!) / 2) - (s.max[k]! - s.min[k]!) / 2,
      );
      const outside = Math.hypot(...q.map((v) => Math.max(v, 0)));
      const inside = Math.min(Math.max(q[0]!, q[1]!, q[2]!), 0);
      best = Math.min(best, Math.abs(outside + inside));
    }
  }
  return best;
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function norm(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / l, a[1] / l, a[2] / l];
}
