/**
 * A failed write or read said as what a person can act on: which folder (or file), and why by the OS's
 * errno — full (with what is needed and free, when known), read-only, not permitted, or another errno
 * by name (main/contract/error-details.ts, DISK). The English message stays the caller's (log, CLI en).
 */
import { statfs } from 'node:fs/promises';
import { diskDetail, type DiskWhere } from './disk-detail.js';
import { DiskError } from './errors.js';

export { diskDetail, type DiskWhere };

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
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
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
