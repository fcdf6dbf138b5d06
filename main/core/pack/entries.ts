/**
 * From the scanner's photos to pack entries: unique archive names in the scanner's (deterministic)
 * order, sources passed through unchanged, the input zip's CRC reused so those entries need no pass.
 */
import { assignArchiveNames } from './archive-names.js';
import type { SetPhoto } from '../photos/set.js';
import type { PackEntry } from './types.js';

export function packEntriesFromPhotos(
  photos: Pick<SetPhoto, 'source' | 'relPath' | 'size' | 'mtimeMs'>[],
): PackEntry[] {
  const names = assignArchiveNames(photos);
  return photos.map((p, i) => ({
    source: p.source,
    archiveName: names[i] as string,
    size: p.size,
    mtimeMs: p.mtimeMs,
    ...(p.source.kind === 'zip' ? { crc32: p.source.crc32 } : {}),
  }));
}
