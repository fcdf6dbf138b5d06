/** The photo scanner's public surface. */
export { scanSources, DEFAULT_SCAN_CONCURRENCY } from './scan.js';
export { scanNotes, toPhotoSet } from './set.js';
export type { PhotoSet, ScanNote, SetPhoto } from './set.js';
export { FEW_PHOTOS } from './warnings.js';
export type {
  Photo,
  PhotoSource,
  PhotoFormat,
  ScanResult,
  ScanWarning,
  ScanIssue,
  ScanOptions,
  WarningCode,
} from './types.js';
