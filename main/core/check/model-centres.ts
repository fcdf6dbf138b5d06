/**
 * Camera centres straight from a COLMAP model's images.bin: the check needs each placed photo's name
 * and centre, nothing else, so it reads the binary model the mapper wrote instead of starting
 * `model_converter` to write it out as text (one process start and a text copy of every 2D point
 * per model, twice when the mapper runs a second time).
 * Layout (COLMAP's WriteImagesBinary, little-endian): uint64 count; per image uint32 id, 4 × double
 * quaternion (w, x, y, z), 3 × double translation, uint32 camera id, the name NUL-terminated, uint64
 * point count, then per point 2 × double + uint64 (24 bytes).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cameraCenter, quatToMatrix } from '../local/colmap-model.js';
import { ToolError } from '../errors.js';
import type { Vec3 } from './ring.js';

export interface ImageCentre {
  name: string;
  center: Vec3;
}

export function parseImagesBin(buf: Buffer): ImageCentre[] {
  const bad = (): never => {
    throw new ToolError(
      'COLMAP wrote a model the check cannot read (images.bin is cut short).',
      undefined,
      undefined,
      { detail: 'badModel', params: {} },
    );
  };
  if (buf.length < 8) bad();
  const count = Number(buf.readBigUInt64LE(0));
  const out: ImageCentre[] = [];
  let at = 8;
  for (let k = 0; k < count; k++) {
    if (at + 4 + 7 * 8 + 4 > buf.length) bad();
    const d = (i: number): number => buf.readDoubleLE(at + 4 + 8 * i);
    const rotation = quatToMatrix(d(0), d(1), d(2), d(3));
    const translation: Vec3 = [d(4), d(5), d(6)];
    at += 4 + 7 * 8 + 4;
    const end = buf.indexOf(0, at);
    if (end < 0 || end + 1 + 8 > buf.length) bad();
    const name = buf.toString('utf8', at, end);
    const points = Number(buf.readBigUInt64LE(end + 1));
    at = end + 1 + 8 + 24 * points;
    if (at > buf.length) bad();
    out.push({ name, center: cameraCenter(rotation, translation) });
  }
  return out;
}

export async function readImageCentres(modelDir: string): Promise<ImageCentre[]> {
  return parseImagesBin(await readFile(path.join(modelDir, 'images.bin')));
}
