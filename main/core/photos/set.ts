/**
 * The set: the one shape a set of photos has from the review to the upload. The scanner makes it
 * (`toPhotoSet` of a scan), the review keeps it (service/photo-store.ts) so a job reuses it instead of
 * scanning again, the job journals it, the backends send it and the packer plans it (pack/plan.ts →
 * ZipPlan). Imports nothing but a type: photos, pack, jobs and the backends all build on it.
 */
import type { LogLine } from '../log-line.js';
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
  line: LogLine;
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

type Words = Record<string, string | number>;

/** The few paths a warning names, language-neutral ("a.jpg, b.jpg, c.jpg … +4"). */
const listPaths = (paths: readonly string[]) =>
  paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` … +${paths.length - 3}` : '');

/**
 * What the scan left out and warned of, as the job's log says it (whether the job scanned or a review
 * did): by the skip reason's or warning's own code and params, which the catalogues already say
 * (`skippedFile.*`, `warning.*`); `english` is the scanner's English, for the log's message.
 */
export function scanNotes(scan: {
  skipped: { displayPath: string; reason: string; code?: SkipCode | string; params?: Words }[];
  rejected: { displayPath: string; reason: string; code?: SkipCode | string; params?: Words }[];
  warnings: { code: string; message: string; paths: string[]; params?: Words }[];
}): ScanNote[] {
  const skip = (s: (typeof scan.skipped)[number]) => ({
    ...s.params,
    file: s.displayPath,
    reason: s.code ?? 'other',
    english: s.reason,
  });
  return [
    ...scan.skipped.map((s) => ({
      level: s.code && HOUSEKEEPING.has(s.code as SkipCode) ? ('info' as const) : ('warn' as const),
      line: { code: 'scanSkipped' as const, params: skip(s) },
    })),
    ...scan.rejected.map((s) => ({
      level: 'warn' as const,
      line: { code: 'scanRejected' as const, params: skip(s) },
    })),
    ...scan.warnings.map((w) => ({
      level: 'warn' as const,
      line: {
        code: 'scanWarning' as const,
        params: { ...w.params, paths: listPaths(w.paths), warning: w.code, english: w.message },
      },
    })),
  ];
}
