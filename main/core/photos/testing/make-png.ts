/** Test helper: a valid RGB PNG of any size in one flat colour (the encoder: main/core/testing/png.ts). */
import { encodePng } from '../../testing/png.js';

export function makePng(opts: { width: number; height: number; rgb?: [number, number, number] }): Buffer {
  const { width, height } = opts;
  const rgb = new Uint8Array(width * height * 3);
  const [r, g, b] = opts.rgb ?? [128, 128, 128];
  for (let i = 0; i < rgb.length; i += 3) rgb.set([r, g, b], i);
  return encodePng(width, height, rgb);
}
