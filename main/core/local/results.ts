/** Small judgements about a run's inputs and results, kept apart from the stage sequence. */
import { statfs } from 'node:fs/promises';
import { DiskError } from '../errors.js';

/** A likely reason a photo was left out, from what we know cheaply (its feature count). */
export function whyUnregistered(
  count: number | undefined,
  all: Record<string, number>,
  models: number,
): string {
  const values = Object.values(all).sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)] ?? 0;
  if (count === undefined || count === 0)
    return 'no features found: the photo may be blank, black, or unreadable by COLMAP';
  if (count < 0.3 * median)
    return `few features (${count} vs ${median} typical): likely blurred, over- or under-exposed, or mostly plain background`;
  if (models > 1) return 'it belongs to a group of photos that does not overlap with the main model';
  return 'too little overlap with its neighbours (or a background that dominates the photo)';
}

/** Refuses to start when the disk cannot hold the copies/database: a clear message now beats a failed step later. */
export async function checkFreeSpace(dir: string, imageBytes: number): Promise<void> {
  try {
    const s = await statfs(dir);
    const free = s.bavail * s.bsize;
    const need = imageBytes * 2 + 200_000_000;
    if (free < need) {
      throw new DiskError(
        `Not enough free disk space in "${dir}": about ${Math.ceil(need / 1e6)} MB needed, ${Math.floor(free / 1e6)} MB free.`,
        undefined,
        { detail: 'fullNeeds', params: { folder: dir, needed: need, free } },
      );
    }
  } catch (e) {
    if (e instanceof DiskError) throw e;
  }
}
