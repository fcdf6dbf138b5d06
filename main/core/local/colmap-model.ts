/**
 * Reads COLMAP's TXT model (images.txt, points3D.txt) and PLY headers. Only what the pipeline and
 * the tests need: camera poses and centres, points with their tracks.
 */
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Vec3 } from './normals.js';

export interface ModelImage {
  id: number;
  name: string;
  cameraId: number;
  /** World-to-camera rotation, row-major. */
  rotation: number[];
  translation: Vec3;
  center: Vec3;
}

export interface ModelPoint {
  xyz: Vec3;
  rgb: [number, number, number];
  error: number;
  imageIds: number[];
}

export async function readModelImages(modelDir: string): Promise<ModelImage[]> {
  const lines = (await readFile(path.join(modelDir, 'images.txt'), 'utf8'))
    .split(/\r?\n/)
    .filter((l) => !l.startsWith('#'));
  const out: ModelImage[] = [];
  // Two lines per image; the second (its 2D points) may be empty, so lines are taken in pairs.
  for (let i = 0; i < lines.length; i += 2) {
    const f = lines[i]!.trim().split(/\s+/);
    if (f.length < 10) break;
    const [qw, qx, qy, qz, tx, ty, tz] = f.slice(1, 8).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const rotation = quatToMatrix(qw, qx, qy, qz);
    const translation: Vec3 = [tx, ty, tz];
    out.push({
      id: Number(f[0]),
      cameraId: Number(f[8]),
      name: f.slice(9).join(' '),
      rotation,
      translation,
      center: cameraCenter(rotation, translation),
    });
  }
  return out;
}

export async function readModelPoints(modelDir: string): Promise<ModelPoint[]> {
  const text = await readFile(path.join(modelDir, 'points3D.txt'), 'utf8');
  const out: ModelPoint[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.trim().split(/\s+/).map(Number);
    if (f.length < 8) continue;
    const imageIds: number[] = [];
    for (let k = 8; k + 1 < f.length; k += 2) imageIds.push(f[k]!);
    out.push({ xyz: [f[1]!, f[2]!, f[3]!], rgb: [f[4]!, f[5]!, f[6]!], error: f[7]!, imageIds });
  }
  return out;
}

export function quatToMatrix(w: number, x: number, y: number, z: number): number[] {
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}

/** C = −Rᵀ t */
export function cameraCenter(r: number[], t: Vec3): Vec3 {
  return [
    -(r[0]! * t[0] + r[3]! * t[1] + r[6]! * t[2]),
    -(r[1]! * t[0] + r[4]! * t[1] + r[7]! * t[2]),
    -(r[2]! * t[0] + r[5]! * t[1] + r[8]! * t[2]),
  ];
}

export interface PlyHeader {
  format: 'ascii' | 'binary_little_endian' | 'binary_big_endian';
  vertices: number;
  faces: number;
  properties: string[];
  /** Byte offset where the data starts. */
  dataOffset: number;
}

/** Reads a PLY header (first 64 KB) — enough to list a result and size a preview. */
export async function loadPlyHeader(file: string): Promise<PlyHeader> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('latin1');
    const end = text.indexOf('end_header');
    if (!text.startsWith('ply') || end < 0) throw new Error(`"${file}" is not a PLY file.`);
    const nl = text.indexOf('\n', end);
    const header = text.slice(0, end).split(/\r?\n/);
    let format: PlyHeader['format'] = 'ascii';
    let vertices = 0;
    let faces = 0;
    let current = '';
    const properties: string[] = [];
    for (const l of header) {
      const f = l.trim().split(/\s+/);
      if (f[0] === 'format') format = f[1] as PlyHeader['format'];
      if (f[0] === 'element') {
        current = f[1] ?? '';
        if (current === 'vertex') vertices = Number(f[2]);
        if (current === 'face') faces = Number(f[2]);
      }
      if (f[0] === 'property' && current === 'vertex') properties.push(f.at(-1) ?? '');
    }
    return { format, vertices, faces, properties, dataOffset: nl + 1 };
  } finally {
    await fh.close();
  }
}

/** Vertex positions of a binary little-endian PLY whose vertices start with float x y z. */
export async function readPlyVertices(file: string): Promise<Vec3[]> {
  const h = await loadPlyHeader(file);
  const data = await readFile(file);
  if (h.format !== 'binary_little_endian')
    throw new Error(`readPlyVertices: ${h.format} PLY is not supported.`);
  // COLMAP writes float x,y,z (+ optional float normals, uchar colours): compute the stride from
  // the header's property types.
  const text = data.subarray(0, h.dataOffset).toString('latin1');
  const sizes: Record<string, number> = {
    float: 4,
    float32: 4,
    double: 8,
    uchar: 1,
    uint8: 1,
    int: 4,
    int32: 4,
    uint: 4,
    short: 2,
    ushort: 2,
    char: 1,
  };
  let stride = 0;
  let inVertex = false;
  for (const l of text.split(/\r?\n/)) {
    const f = l.trim().split(/\s+/);
    if (f[0] === 'element') inVertex = f[1] === 'vertex';
    if (f[0] === 'property' && inVertex) stride += sizes[f[1] ?? ''] ?? 4;
  }
  const out: Vec3[] = [];
  for (let i = 0; i < h.vertices; i++) {
    const o = h.dataOffset + i * stride;
    out.push([data.readFloatLE(o), data.readFloatLE(o + 4), data.readFloatLE(o + 8)]);
  }
  return out;
}
