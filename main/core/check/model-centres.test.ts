/**
 * images.bin as COLMAP writes it, built byte by byte here: names (with a space and non-ASCII), 2D
 * points skipped, centres as −Rᵀt, and a file cut short is an error rather than fewer photos.
 */
import { describe, expect, it } from 'vitest';
import { ToolError } from '../errors.js';
import { parseImagesBin } from './model-centres.js';

interface Img {
  id: number;
  q: [number, number, number, number];
  t: [number, number, number];
  name: string;
  points: number;
}

function imagesBin(images: Img[]): Buffer {
  const parts: Buffer[] = [];
  const u64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    return b;
  };
  parts.push(u64(images.length));
  for (const im of images) {
    const head = Buffer.alloc(4 + 7 * 8 + 4);
    head.writeUInt32LE(im.id, 0);
    [...im.q, ...im.t].forEach((v, i) => head.writeDoubleLE(v, 4 + 8 * i));
    head.writeUInt32LE(1, 4 + 7 * 8);
    parts.push(head, Buffer.from(`${im.name}\0`, 'utf8'), u64(im.points));
    const pts = Buffer.alloc(24 * im.points);
    for (let k = 0; k < im.points; k++) {
      pts.writeDoubleLE(10 + k, 24 * k);
      pts.writeDoubleLE(20 + k, 24 * k + 8);
      pts.writeBigUInt64LE(k % 2 ? 18446744073709551615n : BigInt(k), 24 * k + 16);
    }
    parts.push(pts);
  }
  return Buffer.concat(parts);
}

describe('images.bin', () => {
  // 90° about z: R maps x → y; with t = (1, 0, 0), C = −Rᵀt = (0, 1, 0).
  const s = Math.SQRT1_2;
  const images: Img[] = [
    { id: 1, q: [1, 0, 0, 0], t: [0, 0, 4], name: 'p00001.jpg', points: 3 },
    { id: 7, q: [s, 0, 0, s], t: [1, 0, 0], name: 'Ring 2/Blick ü.jpg', points: 0 },
    { id: 9, q: [1, 0, 0, 0], t: [-2, 3, 0.5], name: 'p00003.jpg', points: 5 },
  ];

  it('reads every name and centre, past each photo’s 2D points', () => {
    const got = parseImagesBin(imagesBin(images));
    expect(got.map((g) => g.name)).toEqual(['p00001.jpg', 'Ring 2/Blick ü.jpg', 'p00003.jpg']);
    expect(got[0]!.center.map((v) => v + 0)).toEqual([0, 0, -4]);
    got[1]!.center.forEach((v, i) => expect(v).toBeCloseTo([0, 1, 0][i]!, 12));
    expect(got[2]!.center).toEqual([2, -3, -0.5]);
  });

  it('an empty model has no photos; a cut file is an error', () => {
    expect(parseImagesBin(imagesBin([]))).toEqual([]);
    const whole = imagesBin(images);
    expect(() => parseImagesBin(whole.subarray(0, whole.length - 1))).toThrow(ToolError);
    expect(() => parseImagesBin(whole.subarray(0, 30))).toThrow(ToolError);
  });
});
