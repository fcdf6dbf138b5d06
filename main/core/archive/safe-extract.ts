/**
 * Safe extraction of a result zip that came over the network (cloud, NodeODM). The archive is judged
 * as a whole before a byte is written: every entry name is checked (no "..", no absolute or drive
 * paths, no backslashes, no symlinks), entries may not share bytes or point outside the file
 * (zip-ranges.ts), the file count, depth and total size are capped (against a hard cap, the archive's
 * size and the job's expectation). Names unsafe on some OS are rewritten (safe-name.ts) and reported.
 * Everything is written into a temporary folder first, so a bad archive leaves nothing behind (not
 * even the destination folder, when this call made it) and a good one appears whole.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { CancelledError, DiskError, ScanBridgeError, UnsafeArchiveError } from '../errors.js';
import { safeEntryName } from './safe-name.js';
import { layoutProblem, totalProblem } from './zip-ranges.js';

export interface ExtractLimits {
  maxFiles: number;
  maxTotalBytes: number;
  maxDepth: number;
  /** Largest uncompressed/compressed ratio of one entry (a zip bomb by ratio stops before it is written). */
  maxRatio: number;
  /** Largest (total uncompressed / archive size) for the whole archive. */
  maxTotalRatio: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxFiles: 100_000,
  maxTotalBytes: 50 * 1024 ** 3,
  maxDepth: 32,
  maxRatio: 1000,
  maxTotalRatio: 200,
};

export interface ExtractOptions {
  limits?: Partial<ExtractLimits>;
  /** The most this job expects to unpack (bytes), when it knows. */
  expectBytes?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Told about each entry whose name was rewritten to be safe on every OS. */
  onRenamed?: (from: string, to: string) => void;
}

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
  opts: ExtractOptions = {},
): Promise<string[]> {
  const limits = { ...DEFAULT_EXTRACT_LIMITS, ...opts.limits };
  const existed = await stat(destDir).then(
    () => true,
    () => false,
  );
  await mkdir(destDir, { recursive: true });
  const tmp = await mkdtemp(path.join(destDir, '.extracting-'));
  let ok = false;
  try {
    const rel = await extractInto(zipPath, tmp, limits, opts);
    // Only now does anything appear in destDir: move each top-level item over what an earlier run left.
    for (const top of await readdir(tmp)) {
      await rm(path.join(destDir, top), { recursive: true, force: true });
      await rename(path.join(tmp, top), path.join(destDir, top));
    }
    ok = true;
    return rel.map((r) => path.join(destDir, ...r.split('/')));
  } finally {
    await rm(tmp, { recursive: true, force: true });
    // A refused archive leaves no trace: not even the (empty) folder made for it.
    if (!ok && !existed) await rm(destDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      zipPath,
      { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true },
      (err, zip) => (err || !zip ? reject(zipError(err, zipPath)) : resolve(zip)),
    );
  });
}

/** Every central-directory entry, read before anything is extracted. */
function readEntries(zip: yauzl.ZipFile, zipPath: string, maxFiles: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('error', (e) => reject(zipError(e, zipPath)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > maxFiles + 1000) {
        reject(new UnsafeArchiveError(`The result zip holds more than ${maxFiles} files.`));
        return;
      }
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** The checks on the whole archive; returns the safe name of each entry (same order). */
function judge(
  entries: yauzl.Entry[],
  fileSize: number,
  limits: ExtractLimits,
  opts: ExtractOptions,
): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  let files = 0;
  for (const entry of entries) {
    const name = entry.fileName;
    const why = unsafeEntryReason(name, limits.maxDepth);
    if (why)
      throw new UnsafeArchiveError(`The result zip has an entry "${safeEntryName(name)}" with ${why}.`);
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK)
      throw new UnsafeArchiveError(`The result zip has a symbolic link "${safeEntryName(name)}".`);
    if (!name.endsWith('/') && ++files > limits.maxFiles)
      throw new UnsafeArchiveError(`The result zip holds more than ${limits.maxFiles} files.`);
    if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > limits.maxRatio) {
      throw new UnsafeArchiveError(
        `"${safeEntryName(name)}" would expand ${Math.round(entry.uncompressedSize / entry.compressedSize)}× (a zip bomb?).`,
      );
    }
    let safe = safeEntryName(name);
    // Two names that differ only in case (or became equal when made safe) would collide on Windows
    // and macOS: the second gets a suffix, on every OS alike.
    if (!safe.endsWith('/')) {
      const base = safe;
      for (let n = 2; taken.has(safe.toLowerCase()); n++) {
        const dot = base.lastIndexOf('.');
        const slash = base.lastIndexOf('/');
        safe = dot > slash + 1 ? `${base.slice(0, dot)}~${n}${base.slice(dot)}` : `${base}~${n}`;
      }
      taken.add(safe.toLowerCase());
    }
    if (safe !== name) opts.onRenamed?.(name, safe);
    names.push(safe);
  }
  const extents = entries.map((e, i) => ({
    name: names[i] as string,
    offset: e.relativeOffsetOfLocalHeader,
    nameBytes: e.fileNameLength,
    compressedSize: e.compressedSize,
    uncompressedSize: e.uncompressedSize,
  }));
  const layout = layoutProblem(extents, fileSize);
  if (layout) throw new UnsafeArchiveError(`The result zip has ${layout}.`);
  const total = totalProblem(extents, fileSize, { ...limits, expectBytes: opts.expectBytes });
  if (total) throw new UnsafeArchiveError(`The result zip ${total}.`);
  return names;
}

async function extractInto(
  zipPath: string,
  root: string,
  limits: ExtractLimits,
  opts: ExtractOptions,
): Promise<string[]> {
  const fileSize = (await stat(zipPath)).size;
  const zip = await openZip(zipPath);
  try {
    const entries = await readEntries(zip, zipPath, limits.maxFiles);
    const names = judge(entries, fileSize, limits, opts);
    const written: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      if (opts.signal?.aborted) throw new CancelledError();
      const entry = entries[i] as yauzl.Entry;
      const name = names[i] as string;
      try {
        await extractEntry(zip, entry, name, root);
      } catch (e) {
        // Anything not already typed (a damaged local header from openReadStream, a file and a
        // folder of the same name from mkdir) becomes a typed error here (found by fuzzing).
        throw entryError(e, zipPath);
      }
      if (!name.endsWith('/')) written.push(name);
    }
    return written;
  } finally {
    zip.close();
  }
}

async function extractEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  root: string,
): Promise<void> {
  const target = path.join(root, ...name.split('/'));
  // Belt and braces: whatever the checks above missed, nothing lands outside root.
  if (target !== root && !target.startsWith(root + path.sep)) {
    throw new UnsafeArchiveError(`The result zip has an entry "${name}" that points outside the folder.`);
  }
  if (name.endsWith('/')) {
    await mkdir(target, { recursive: true });
    return;
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
    throw e;
  }
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
