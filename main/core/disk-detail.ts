/**
 * Which detail a failed write or read gets from the OS's errno (main/contract/error-details.ts, DISK):
 * full (with needed/free when known), read-only, not permitted, or another errno by name. Pure, so
 * errors.ts can use it for an fs error that reached it untyped.
 */
import path from 'node:path';
import type { ErrorDetailOf } from '../contract/error-details.js';

export type DiskWhere = { folder: string } | { file: string };

const errnoOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** The detail of a failed write into `folder` (or of a file in it), from the error's errno. */
export function diskDetail(
  e: unknown,
  where: DiskWhere,
  needed?: number,
  free?: number,
): ErrorDetailOf<'DISK'> {
  const code = errnoOf(e);
  if ('file' in where && code !== 'ENOSPC' && code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM')
    return { detail: 'read', params: { file: where.file, errno: code ?? 'EIO' } };
  const folder = 'folder' in where ? where.folder : path.dirname(where.file);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return needed !== undefined && free !== undefined
        ? { detail: 'fullNeeds', params: { folder, needed, free } }
        : { detail: 'full', params: { folder } };
    case 'EROFS':
      return { detail: 'readOnly', params: { folder } };
    case 'EACCES':
    case 'EPERM':
      return { detail: 'permission', params: { folder } };
    default:
      return { detail: 'failed', params: { folder, errno: code ?? 'EIO' } };
  }
}

/** The errnos that are the disk's (or the folder's) doing, not ScanBridge's. */
export const DISK_ERRNOS = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EACCES',
  'EPERM',
  'EIO',
  'ENOTDIR',
  'EISDIR',
  // A file where a folder should be made (mkdir -p over a file).
  'EEXIST',
  'EMFILE',
  'ENFILE',
]);
