/** The photo scanner's public surface. */
export { scanSources, DEFAULT_SCAN_CONCURRENCY } from './scan.js';
export { toSetSummary } from './summary.js';
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
