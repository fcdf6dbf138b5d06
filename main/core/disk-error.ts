/**
 * A failed write or read said as what a person can act on: which folder (or file), and why by the OS's
 * errno — full (with what is needed and free, when known), read-only, not permitted, or another errno
 * by name (main/contract/error-details.ts, DISK). The English message stays the caller's (log, CLI en).
 */
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorDetailOf } from '../contract/error-details.js';
import { DiskError } from './errors.js';

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

/** A DiskError for `e` with its detail (no free-space figure: see diskErrorWithSpace). */
export function diskError(e: unknown, where: DiskWhere, message: string): DiskError {
  return new DiskError(message, e, diskDetail(e, where));
}

/**
 * As diskError, and for a full disk with how much was needed (`needed` bytes in all) and how much is
 * free now where `folder` lives (statfs; left out when the OS cannot say).
 */
export async function diskErrorWithSpace(
  e: unknown,
  folder: string,
  message: string,
  needed: number,
): Promise<DiskError> {
  const code = errnoOf(e);
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return diskError(e, { folder }, message);
  const free = await freeBytes(folder);
  return new DiskError(message, e, diskDetail(e, { folder }, free === undefined ? undefined : needed, free));
}

/** Bytes free for an unprivileged user where `folder` lives, or undefined (folder gone, no statfs). */
export async function freeBytes(folder: string): Promise<number | undefined> {
  try {
    const s = await statfs(folder);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}
