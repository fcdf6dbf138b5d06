/** Small helpers for the local-pipeline tests: temp dirs, noise images, live COLMAP processes. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodePng } from '../../testing/png.js';

export function tempDir(prefix = 'scanbridge-local-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Seeded random-noise PNGs: plenty of features, nothing that matches between images. */
export async function writeNoiseImages(
  dir: string,
  count: number,
  width = 320,
  height = 240,
): Promise<string[]> {
  let s = 12345;
  const rnd = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 24;
  };
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const rgb = new Uint8Array(width * height * 3);
    // 4×4 blocks so SIFT finds blobs rather than pixel noise.
    for (let y = 0; y < height; y += 4) {
      for (let x = 0; x < width; x += 4) {
        const v = rnd();
        for (let dy = 0; dy < 4; dy++)
          for (let dx = 0; dx < 4; dx++)
            rgb.fill(v, ((y + dy) * width + x + dx) * 3, ((y + dy) * width + x + dx) * 3 + 3);
      }
    }
    const f = path.join(dir, `noise_${i}.png`);
    await writeFile(f, encodePng(width, height, rgb));
    files.push(f);
  }
  return files;
}

/** PIDs of running processes whose command line mentions `needle` (Linux /proc; [] elsewhere). */
export async function processesMentioning(needle: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    const cmd = await readFile(`/proc/${d}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes(needle) && cmd.includes('colmap')) out.push(Number(d));
  }
  return out;
}
