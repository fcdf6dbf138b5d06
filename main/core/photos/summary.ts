/** A scan result in the shape the job model and backends take (jobs/backend.ts SetSummary). */
import type { SetSummary } from '../jobs/backend.js';
import type { ScanResult } from './types.js';

export function toSetSummary(scan: Pick<ScanResult, 'photos' | 'totalBytes'>): SetSummary {
  return {
    photoCount: scan.photos.length,
    totalBytes: scan.totalBytes,
    photos: scan.photos.map((p) => ({
      source: p.source,
      displayPath: p.displayPath,
      relPath: p.relPath,
      size: p.size,
      mtimeMs: p.mtimeMs,
    })),
  };
}
