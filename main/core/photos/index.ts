/** The photo scanner's public surface. */
export { scanSources, DEFAULT_SCAN_CONCURRENCY } from './scan.js';
export { formatBytes } from './format.js';
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
