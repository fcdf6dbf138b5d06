/**
 * The set: the one shape a set of photos has from the review to the upload. The scanner makes it
 * (`toPhotoSet` of a scan), the review keeps it (service/photo-store.ts) so a job reuses it instead of
 * scanning again, the job journals it, the backends send it and the packer plans it (pack/plan.ts →
 * ZipPlan). Imports nothing but a type: photos, pack, jobs and the backends all build on it.
 */
import type { SkipCode } from './skip-reason.js';

/** Where a photo's bytes live: a file, or an entry inside a zip the user gave (never extracted to disk). */
export type PhotoSource =
  | { kind: 'file'; path: string }
  | {
      kind: 'zip';
      zipPath: string;
      entryName: string;
      compression: 'store' | 'deflate';
      compressedSize: number;
      localHeaderOffset: number;
      crc32: number;
    };

export type PhotoFormat = 'jpeg' | 'png';

/** One photo of a set. */
export interface SetPhoto {
  source: PhotoSource;
  /** What the user recognises, e.g. 'set/IMG_1.jpg' or 'scan.zip › IMG_1.jpg'. */
  displayPath: string;
  /** '/'-separated path relative to its root, used for names inside archives/uploads. */
  relPath: string;
  size: number;
  mtimeMs: number;
  /** Known for every scanned photo (thumbnails need it); sets made elsewhere (tests, benches) may omit it. */
  format?: PhotoFormat | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

export interface PhotoSet {
  photoCount: number;
  totalBytes: number;
  /** As produced by the photo scanner (main/core/photos), in a deterministic order. */
  photos: SetPhoto[];
}

/** The set of a scan (the scanner's photos carry more: EXIF, samples — the set keeps what is sent and shown). */
export function toPhotoSet(scan: { photos: SetPhoto[]; totalBytes: number }): PhotoSet {
  return {
    photoCount: scan.photos.length,
    totalBytes: scan.totalBytes,
    photos: scan.photos.map((p) => ({
      source: p.source,
      displayPath: p.displayPath,
      relPath: p.relPath,
      size: p.size,
      mtimeMs: p.mtimeMs,
      ...(p.format !== undefined ? { format: p.format } : {}),
      ...(p.width !== undefined ? { width: p.width } : {}),
      ...(p.height !== undefined ? { height: p.height } : {}),
    })),
  };
}

/** The set without the photos named (by displayPath); the same set when none is named. */
export function leaveOutPhotos(set: PhotoSet, displayPaths: readonly string[] | undefined): PhotoSet {
  if (!displayPaths || displayPaths.length === 0) return set;
  const out = new Set(displayPaths);
  const photos = set.photos.filter((p) => !out.has(p.displayPath));
  return { photoCount: photos.length, totalBytes: photos.reduce((n, p) => n + p.size, 0), photos };
}

/** A line for the job's log about what a scan left out or warned of. */
export interface ScanNote {
  level: 'info' | 'warn';
  message: string;
}

/**
 * Files every camera card, Mac and Windows folder carries (.DS_Store, Thumbs.db, hidden folders…):
 * leaving them out is housekeeping, an info line. Any other skipped file is one the person may have
 * meant as a photo (a text file named .jpg, an unreadable one): a warning, shown by the CLI too.
 */
const HOUSEKEEPING = new Set<SkipCode>([
  'ds-store',
  'macos-resource-folder',
  'macos-resource-fork',
  'hidden-file',
  'hidden-folder',
  'system-file',
  'system-folder',
  'ignored-folder-in-zip',
  'folder-seen',
]);

/** What the scan left out and warned of, as the job's log says it (whether the job scanned or a review did). */
export function scanNotes(scan: {
  skipped: { displayPath: string; reason: string; code?: SkipCode }[];
  rejected: { displayPath: string; reason: string }[];
  warnings: { message: string }[];
}): ScanNote[] {
  return [
    ...scan.skipped.map((s) => ({
      level: s.code && HOUSEKEEPING.has(s.code) ? ('info' as const) : ('warn' as const),
      message: `Skipped ${s.displayPath}: ${s.reason}`,
    })),
    ...scan.rejected.map((s) => ({
      level: 'warn' as const,
      message: `Not accepted: ${s.displayPath}: ${s.reason}`,
    })),
    ...scan.warnings.map((w) => ({ level: 'warn' as const, message: w.message })),
  ];
}
