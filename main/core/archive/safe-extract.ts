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
import { diskError } from '../disk-error.js';
import { safeEntryName } from './safe-name.js';
import { layoutProblem, totalProblem, type Problem } from './zip-ranges.js';

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
  return unsafeEntry(name, maxDepth)?.text;
}

/** Why an entry name is unsafe, for the log and (detail) for the person; undefined when fine. */
function unsafeEntry(name: string, maxDepth: number): Problem | undefined {
  // The name as the archive has it (made printable on its way out, ErrorParams): what was refused.
  const entry = name;
  const is = (text: string, detail: Problem['detail']): Problem => ({ text, detail });
  if (name.length === 0) return is('an empty name', { detail: 'emptyName', params: {} });
  if (name.includes('\0')) return is('a NUL character', { detail: 'badChars', params: { entry } });
  if (name.includes('\\'))
    return is('a backslash (a Windows path)', { detail: 'badChars', params: { entry } });
  if (name.startsWith('/')) return is('an absolute path', { detail: 'absolute', params: { entry } });
  if (/^[a-zA-Z]:/.test(name)) return is('a drive letter', { detail: 'drive', params: { entry } });
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.includes('..'))
    return is('a ".." segment that leaves the folder', { detail: 'dotdot', params: { entry } });
  if (parts.length > maxDepth)
    return is(`more than ${maxDepth} folder levels`, { detail: 'deep', params: { entry, limit: maxDepth } });
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
        reject(tooManyFiles(maxFiles));
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
    const why = unsafeEntry(name, limits.maxDepth);
    if (why)
      throw new UnsafeArchiveError(
        `The result zip has an entry "${safeEntryName(name)}" with ${why.text}.`,
        why.detail,
      );
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK)
      throw new UnsafeArchiveError(`The result zip has a symbolic link "${safeEntryName(name)}".`, {
        detail: 'symlink',
        params: { entry: safeEntryName(name) },
      });
    if (!name.endsWith('/') && ++files > limits.maxFiles) throw tooManyFiles(limits.maxFiles);
    if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > limits.maxRatio) {
      const ratio = Math.round(entry.uncompressedSize / entry.compressedSize);
      throw new UnsafeArchiveError(`"${safeEntryName(name)}" would expand ${ratio}× (a zip bomb?).`, {
        detail: 'bomb',
        params: { entry: safeEntryName(name), ratio },
      });
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
  if (layout) throw new UnsafeArchiveError(`The result zip has ${layout.text}.`, layout.detail);
  const total = totalProblem(extents, fileSize, { ...limits, expectBytes: opts.expectBytes });
  if (total) throw new UnsafeArchiveError(`The result zip ${total.text}.`, total.detail);
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
        throw entryError(e, zipPath, root);
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
    throw new UnsafeArchiveError(`The result zip has an entry "${name}" that points outside the folder.`, {
      detail: 'outside',
      params: { entry: name },
    });
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
        cb(
          new UnsafeArchiveError(`"${name}" is larger than its zip entry says.`, {
            detail: 'larger',
            params: { entry: name },
          }),
        );
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(stream, cap, createWriteStream(target, { flags: 'wx' }));
  } catch (e) {
    if (e instanceof UnsafeArchiveError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UnsafeArchiveError(`The result zip holds "${name}" twice.`, {
        detail: 'twice',
        params: { entry: name },
      });
    if (code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS') {
      throw diskError(e, { folder: outerFolder(root) }, `Writing ${target} failed (${code}).`);
    }
    throw e;
  }
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (e, s) => (e || !s ? reject(e ?? new Error('no stream')) : resolve(s)));
  });
}

function entryError(e: unknown, zipPath: string, root: string): Error {
  if (e instanceof ScanBridgeError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
    return new UnsafeArchiveError(`The result zip holds a file and a folder of the same name (${code}).`, {
      detail: 'fileAndFolder',
      params: {},
    });
  }
  if (code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return diskError(
      e,
      { folder: outerFolder(root) },
      `Extracting ${path.basename(zipPath)} failed (${code}).`,
    );
  }
  return zipError(e, zipPath);
}

function zipError(e: unknown, zipPath: string): Error {
  if (e instanceof UnsafeArchiveError || e instanceof CancelledError || e instanceof DiskError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/invalid relative path|absolute path|invalid characters|symlink/i.test(msg)) {
    return new UnsafeArchiveError(`The result zip has an unsafe entry: ${msg}`, yauzlDetail(msg));
  }
  return new UnsafeArchiveError(`${path.basename(zipPath)} is not a readable zip (${msg}).`, {
    detail: 'notZip',
    params: { file: path.basename(zipPath) },
  });
}

/** yauzl's strict names refuse before our own checks: its words name the entry ("absolute path: /x"). */
function yauzlDetail(msg: string): Problem['detail'] {
  const m = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(msg);
  if (!m?.[2]) return { detail: 'unsafeEntry', params: {} };
  const entry = m[2];
  if (m[1] === 'absolute path') return { detail: 'absolute', params: { entry } };
  if (m[1] === 'invalid relative path') return { detail: 'dotdot', params: { entry } };
  return { detail: 'badChars', params: { entry } };
}

function tooManyFiles(limit: number): UnsafeArchiveError {
  return new UnsafeArchiveError(`The result zip holds more than ${limit} files.`, {
    detail: 'tooManyFiles',
    params: { limit },
  });
}

/** The destination a person chose: the temporary `.extracting-…` folder's parent. */
function outerFolder(root: string): string {
  return path.dirname(root);
}
