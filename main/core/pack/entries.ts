/**
 * From the scanner's photos to pack entries: unique archive names in the scanner's (deterministic)
 * order, sources passed through unchanged, the input zip's CRC reused so those entries need no pass.
 */
import { assignArchiveNames } from './archive-names.js';
import type { PackEntry, PackSource } from './types.js';

export interface PhotoLike {
  source: PackSource;
  relPath: string;
  size: number;
  mtimeMs: number;
}

export function packEntriesFromPhotos(photos: PhotoLike[]): PackEntry[] {
  const names = assignArchiveNames(photos);
  return photos.map((p, i) => ({
    source: p.source,
    archiveName: names[i] as string,
    size: p.size,
    mtimeMs: p.mtimeMs,
    ...(p.source.kind === 'zip' ? { crc32: p.source.crc32 } : {}),
  }));
}
