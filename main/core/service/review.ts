/**
 * Turns a photo scan into the serialisable set review the UI shows: photos with opaque ids (for
 * thumbnails), skipped and rejected files with reasons, warnings, totals, the set against the
 * token's limits, and a suggested project name.
 */
import { suggestedPrefix } from '../names/project-name.js';
import type { ScanResult } from '../photos/types.js';
import { limitItems } from '../cloud/limits.js';
import type { SetReview, TokenInfo } from '../../contract/index.js';

/** The set against the token's limits (cloud/limits.ts, the check a job makes too), every limit listed. */
export function limitReport(
  photoCount: number,
  totalBytes: number,
  info: TokenInfo | undefined,
): SetReview['limits'] {
  if (!info) return { checked: false, ok: true, items: [] };
  const items = limitItems({ photoCount, bytes: totalBytes }, info);
  return { checked: true, ok: !items.some((i) => i.over), items };
}

export function toReview(
  scanId: string,
  paths: string[],
  scan: ScanResult,
  info: TokenInfo | undefined,
): SetReview {
  return {
    scanId,
    paths,
    photos: scan.photos.map((p, i) => ({
      id: `${scanId}:${i}`,
      displayPath: p.displayPath,
      size: p.size,
      format: p.format,
      ...(p.width !== undefined ? { width: p.width } : {}),
      ...(p.height !== undefined ? { height: p.height } : {}),
    })),
    // Rejected images (TIFF, HEIC…) are shown with the skipped ones: both are "not uploaded, because".
    skipped: [...scan.rejected, ...scan.skipped].map((s) => ({
      displayPath: s.displayPath,
      reason: s.reason,
      code: s.code,
      ...(s.params ? { params: s.params } : {}),
    })),
    warnings: scan.warnings.map((w) => ({
      code: w.code,
      message: w.message,
      paths: w.paths,
      ...(w.params ? { params: w.params } : {}),
    })),
    photoCount: scan.photos.length,
    totalBytes: scan.totalBytes,
    limits: limitReport(scan.photos.length, scan.totalBytes, info),
    suggestedName: suggestedPrefix(paths),
  };
}
