/**
 * Safe extraction of a result zip that came over the network (cloud, NodeODM). Every entry name is checked (no "..",
 * no absolute or drive paths, no backslashes, no symlinks), the file count, total size and depth are
 * capped, and everything is written into a temporary folder first, so a bad archive leaves nothing
 * behind and a good one appears whole.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { CancelledError, DiskError, ScanBridgeError, UnsafeArchiveError } from '../errors.js';

export interface ExtractLimits {
  maxFiles: number;
  maxTotalBytes: number;
  maxDepth: number;
  /** Largest uncompressed/compressed ratio of one entry (a zip bomb by ratio stops before it is written). */
  maxRatio: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxFiles: 100_000,
  maxTotalBytes: 50 * 1024 ** 3,
  maxDepth: 32,
  maxRatio: 1000,
};

/** Why an entry name is unsafe, or undefined when it is fine. Exported for tests and other readers. */
export function unsafeEntryReason(name: string, maxDepth: number): string | undefined {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\0')) return 'a NUL character';
  if (name.includes('\\')) return 'a backslash (a Windows path)';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'a drive letter';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.includes('..')) return 'a ".." segment that leaves the folder';
  if (parts.length > maxDepth) return `more than ${maxDepth} folder levels`;
  return undefined;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Extracts `zipPath` into `destDir` (created if needed); returns the files written (absolute paths). */
export async function safeExtractZip(
  zipPath: string,
  destDir: string,
  opts: { limits?: Partial<ExtractLimits>; signal?: AbortSignal | undefined } = {},
): Promise<string[]> {
  const limits = { ...DEFAULT_EXTRACT_LIMITS, ...opts.limits };
  await mkdir(destDir, { recursive: true });
  const tmp = await mkdtemp(path.join(destDir, '.extracting-'));
  try {
    const rel = await extractInto(zipPath, tmp, limits, opts.signal);
    // Only now does anything appear in destDir: move each top-level item over what an earlier run left.
    for (const top of await readdir(tmp)) {
      await rm(path.join(destDir, top), { recursive: true, force: true });
      await rename(path.join(tmp, top), path.join(destDir, top));
    }
    return rel.map((r) => path.join(destDir, ...r.split('/')));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function extractInto(
  zipPath: string,
  root: string,
  limits: ExtractLimits,
  signal?: AbortSignal,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      zipPath,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true },
      (err, zip) => {
        if (err || !zip) return reject(zipError(err, zipPath));
        const written: string[] = [];
        let files = 0;
        let total = 0;
        let done = false;
        const finish = (e?: unknown): void => {
          if (done) return;
          done = true;
          zip.close();
          if (e) reject(e);
          else resolve(written);
        };
        zip.on('error', (e) => finish(zipError(e, zipPath)));
        zip.on('end', () => finish());
        zip.on('entry', (entry: yauzl.Entry) => {
          void (async () => {
            if (signal?.aborted) throw new CancelledError();
            const name = entry.fileName;
            const why = unsafeEntryReason(name, limits.maxDepth);
            if (why) throw new UnsafeArchiveError(`The result zip has an entry "${name}" with ${why}.`);
            const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
            if (mode === S_IFLNK)
              throw new UnsafeArchiveError(`The result zip has a symbolic link "${name}".`);
            const target = path.join(root, ...name.split('/'));
            // Belt and braces: whatever the checks above missed, nothing lands outside root.
            if (target !== root && !target.startsWith(root + path.sep)) {
              throw new UnsafeArchiveError(
                `The result zip has an entry "${name}" that points outside the folder.`,
              );
            }
            if (name.endsWith('/')) {
              await mkdir(target, { recursive: true });
              return;
            }
            if (++files > limits.maxFiles) {
              throw new UnsafeArchiveError(`The result zip holds more than ${limits.maxFiles} files.`);
            }
            if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > limits.maxRatio) {
              throw new UnsafeArchiveError(
                `"${name}" would expand ${Math.round(entry.uncompressedSize / entry.compressedSize)}× (a zip bomb?).`,
              );
            }
            total += entry.uncompressedSize;
            if (total > limits.maxTotalBytes) {
              throw new UnsafeArchiveError(
                `The result zip would unpack to more than ${limits.maxTotalBytes} bytes.`,
              );
            }
            await mkdir(path.dirname(target), { recursive: true });
            const stream = await openEntry(zip, entry);
            let seen = 0;
            const cap = new Transform({
              transform(chunk: Buffer, _e, cb) {
                seen += chunk.length;
                // The declared size is checked by yauzl too; this guards a lying central directory.
                if (seen > entry.uncompressedSize)
                  cb(new UnsafeArchiveError(`"${name}" is larger than its zip entry says.`));
                else cb(null, chunk);
              },
            });
            try {
              await pipeline(stream, cap, createWriteStream(target, { flags: 'wx' }));
            } catch (e) {
              if (e instanceof UnsafeArchiveError) throw e;
              const code = (e as NodeJS.ErrnoException).code;
              if (code === 'EEXIST') throw new UnsafeArchiveError(`The result zip holds "${name}" twice.`);
              if (code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS') {
                throw new DiskError(`Writing ${target} failed (${code}).`, e);
              }
              throw zipError(e, zipPath);
            }
            written.push(name);
          })().then(
            () => {
              if (!done) zip.readEntry();
            },
            // Anything not already typed (a damaged local header from openReadStream, a file and a
            // folder of the same name from mkdir) becomes a typed error here (found by fuzzing).
            (e: unknown) => finish(entryError(e, zipPath)),
          );
        });
        zip.readEntry();
      },
    );
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (e, s) => (e || !s ? reject(e ?? new Error('no stream')) : resolve(s)));
  });
}

function entryError(e: unknown, zipPath: string): Error {
  if (e instanceof ScanBridgeError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
    return new UnsafeArchiveError(`The result zip holds a file and a folder of the same name (${code}).`);
  }
  if (code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new DiskError(`Extracting ${path.basename(zipPath)} failed (${code}).`, e);
  }
  return zipError(e, zipPath);
}

function zipError(e: unknown, zipPath: string): Error {
  if (e instanceof UnsafeArchiveError || e instanceof CancelledError || e instanceof DiskError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/invalid relative path|absolute path|invalid characters|symlink/i.test(msg)) {
    return new UnsafeArchiveError(`The result zip has an unsafe entry: ${msg}`);
  }
  return new UnsafeArchiveError(`${path.basename(zipPath)} is not a readable zip (${msg}).`);
}
