/** Small judgements about a run's inputs and results, kept apart from the stage sequence. */
import { statfs } from 'node:fs/promises';
import { DiskError } from '../errors.js';

/**
 * Why a photo is not in the model, as a code and its figures: front ends say it in their language
 * (the CLI's catalogue `cliCmd.reconstruct.why`); `reason` beside it keeps the English for logs and JSON.
 */
export type UnregisteredWhy =
  | { code: 'noFeatures' }
  | { code: 'fewFeatures'; count: number; typical: number }
  | { code: 'otherGroup' }
  | { code: 'littleOverlap' }
  | { code: 'notImage'; ext: string }
  | { code: 'invalidImage' }
  | { code: 'unreadable'; cause: string };

/** A likely reason a photo was left out, from what we know cheaply (its feature count). */
export function unregisteredWhy(
  count: number | undefined,
  all: Record<string, number>,
  models: number,
): UnregisteredWhy {
  const values = Object.values(all).sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)] ?? 0;
  if (count === undefined || count === 0) return { code: 'noFeatures' };
  if (count < 0.3 * median) return { code: 'fewFeatures', count, typical: median };
  if (models > 1) return { code: 'otherGroup' };
  return { code: 'littleOverlap' };
}

/** The English sentence of a reason (the job log, `reason` in the summary). */
export function unregisteredText(why: UnregisteredWhy): string {
  switch (why.code) {
    case 'noFeatures':
      return 'no features found: the photo may be blank, black, or unreadable by COLMAP';
    case 'fewFeatures':
      return `few features (${why.count} vs ${why.typical} typical): likely blurred, over- or under-exposed, or mostly plain background`;
    case 'otherGroup':
      return 'it belongs to a group of photos that does not overlap with the main model';
    case 'littleOverlap':
      return 'too little overlap with its neighbours (or a background that dominates the photo)';
    case 'notImage':
      return `not an image COLMAP reads (${why.ext || 'no extension'})`;
    case 'invalidImage':
      return 'not a valid image (truncated or another format under an image name)';
    case 'unreadable':
      return `cannot be read (${why.cause})`;
  }
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
