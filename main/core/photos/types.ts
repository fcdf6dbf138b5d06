/** Shapes produced by the photo scanner. A scanned `Photo` is a `SetPhoto` (set.ts) with what the review adds. */
import type { SkipWhy } from './skip-reason.js';
import type { PhotoFormat, PhotoSource, SetPhoto } from './set.js';

export type { PhotoFormat, PhotoSource };

export interface Photo extends SetPhoto {
  format: PhotoFormat;
  /** Make + model from EXIF. */
  camera?: string;
  /** EXIF DateTimeOriginal as 'YYYY-MM-DDTHH:MM:SS' (camera local time, no zone). */
  takenAt?: string;
  /**
   * sha256 over size + first 64 KiB + last 64 KiB, hex (see sample.ts). For a deflated zip entry the
   * tail would need inflating everything, so its CRC32 from the central directory stands in for it.
   */
  sample: string;
}

export type WarningCode =
  | 'truncated'
  | 'zero-bytes'
  | 'duplicate'
  | 'mixed-resolution'
  | 'mixed-camera'
  | 'extension-mismatch'
  | 'few-photos';

export interface ScanWarning {
  code: WarningCode;
  /** English, for the CLI and the log; the UI builds its sentence from `code` + `params`. */
  message: string;
  paths: string[];
  /** What the sentence needs besides the paths (counts, limits, groups), for the catalogues. */
  params?: Record<string, string | number>;
}

export interface ScanIssue extends SkipWhy {
  displayPath: string;
}

export interface ScanResult {
  /** Sorted deterministically: by root order, then relPath (natural sort). */
  photos: Photo[];
  /**
   * Hidden/system files, non-images, nested zips, unsafe zip names, unreadable files (with the OS
   * reason), links out of the folder, and empty files (which also get a 'zero-bytes' warning).
   */
  skipped: ScanIssue[];
  /** Images the cloud does not accept (TIFF, HEIC/HEIF, WebP, GIF, BMP…), detected by content. */
  rejected: ScanIssue[];
  warnings: ScanWarning[];
  /** Sum of the photos' sizes. */
  totalBytes: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Files read at once; default 16. */
  concurrency?: number;
}
