/**
 * Extracts a downloaded result zip without trusting it: every name is checked before anything is
 * written (no `..`, no absolute or drive paths, no symlinks, bounded depth), and the total size,
 * the file count and the compression ratio are capped while streaming, so a zip bomb stops early.
 * Files go to a temporary sibling folder that is renamed into place only when all went well.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DiskError, UnsafeArchiveError } from '../errors.js';

export interface ExtractLimits {
  maxTotalBytes: number;
  maxFiles: number;
  maxDepth: number;
  /** Largest allowed uncompressed/compressed ratio for one entry (zip bombs by ratio). */
  maxRatio: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxFiles: 50_000,
  maxDepth: 32,
  maxRatio: 1000,
};

/** Returns the safe relative path for an entry name, or the reason it is unsafe. */
export function checkEntryName(
  name: string,
  maxDepth = DEFAULT_EXTRACT_LIMITS.maxDepth,
): { ok: true; rel: string } | { ok: false; reason: string } {
  if (name.length === 0) return { ok: false, reason: 'empty name' };
  if (name.includes('\0')) return { ok: false, reason: 'NUL in name' };
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified) || unified.startsWith('//')) {
    return { ok: false, reason: 'absolute path' };
  }
  const segments = unified.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { ok: false, reason: 'path traversal (..)' };
  if (segments.length > maxDepth) return { ok: false, reason: `deeper than ${maxDepth} folders` };
  if (segments.length === 0) return { ok: false, reason: 'empty path' };
  return { ok: true, rel: segments.join('/') };
}

function isSymlink(entry: yauzl.Entry): boolean {
  // Unix mode lives in the high 16 bits of the external attributes when made on Unix.
  const madeBy = entry.versionMadeBy >> 8;
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  return madeBy === 3 && mode === 0o120000;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zf) => {
        if (err || !zf)
          reject(
            new UnsafeArchiveError(`The result archive cannot be read: ${err?.message ?? 'unknown error'}.`),
          );
        else resolve(zf);
      },
    );
  });
}

function entries(zf: yauzl.ZipFile): AsyncIterable<yauzl.Entry> {
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () =>
          new Promise<IteratorResult<yauzl.Entry>>((resolve, reject) => {
            const onEntry = (e: yauzl.Entry) => {
              cleanup();
              resolve({ value: e, done: false });
            };
            const onEnd = () => {
              cleanup();
              resolve({ value: undefined, done: true });
            };
            const onError = (err: Error) => {
              cleanup();
              reject(new UnsafeArchiveError(`The result archive is corrupt: ${err.message}.`));
            };
            const cleanup = () => {
              zf.off('entry', onEntry);
              zf.off('end', onEnd);
              zf.off('error', onError);
            };
            zf.on('entry', onEntry);
            zf.on('end', onEnd);
            zf.on('error', onError);
            zf.readEntry();
          }),
      };
    },
  };
}

/**
 * Extracts `zipPath` into `destDir` (created; must not exist or be empty-able). Returns the relative
 * paths written. On any error nothing is left at `destDir`.
 */
export async function safeExtract(
  zipPath: string,
  destDir: string,
  limits: Partial<ExtractLimits> = {},
): Promise<string[]> {
  const lim = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  const tmp = `${destDir}.extracting-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const zf = await openZip(zipPath);
  const written: string[] = [];
  let total = 0;
  try {
    if (zf.entryCount > lim.maxFiles) {
      throw new UnsafeArchiveError(
        `The archive holds ${zf.entryCount} entries, more than the ${lim.maxFiles} allowed.`,
      );
    }
    for await (const entry of entries(zf)) {
      const check = checkEntryName(entry.fileName, lim.maxDepth);
      if (!check.ok)
        throw new UnsafeArchiveError(`Unsafe name in archive: "${entry.fileName}" (${check.reason}).`);
      if (isSymlink(entry))
        throw new UnsafeArchiveError(`The archive contains a symbolic link: "${entry.fileName}".`);
      const target = path.join(tmp, ...check.rel.split('/'));
      if (!target.startsWith(tmp + path.sep))
        throw new UnsafeArchiveError(`Unsafe name in archive: "${entry.fileName}".`);
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > lim.maxRatio) {
        throw new UnsafeArchiveError(
          `"${entry.fileName}" expands ${Math.round(entry.uncompressedSize / entry.compressedSize)}× (a zip bomb?).`,
        );
      }
      total += entry.uncompressedSize;
      if (total > lim.maxTotalBytes) {
        throw new UnsafeArchiveError(`The archive expands to more than ${lim.maxTotalBytes} bytes.`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      const rs = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zf.openReadStream(entry, (err, s) =>
          err || !s
            ? reject(new UnsafeArchiveError(`Cannot read "${entry.fileName}": ${err?.message}`))
            : resolve(s),
        ),
      );
      // validateEntrySizes makes yauzl fail on a lying size; this guard caps it even so.
      let seen = 0;
      const cap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          seen += chunk.length;
          if (seen > entry.uncompressedSize)
            cb(new UnsafeArchiveError(`"${entry.fileName}" is larger than its header says.`));
          else cb(null, chunk);
        },
      });
      try {
        await pipeline(rs, cap, createWriteStream(target, { flags: 'wx' }));
      } catch (e) {
        throw toDiskError(e, target);
      }
      written.push(check.rel);
    }
    zf.close();
    await rm(destDir, { recursive: true, force: true });
    await rename(tmp, destDir);
    return written;
  } catch (e) {
    zf.close();
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

export function toDiskError(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new DiskError(`The disk is full while writing "${file}".`, e);
  if (code === 'EACCES' || code === 'EPERM') return new DiskError(`No permission to write "${file}".`, e);
  if (code === 'EEXIST')
    return new UnsafeArchiveError(`The archive contains "${path.basename(file)}" twice.`);
  return e;
}

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
