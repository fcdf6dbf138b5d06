/**
 * Photos inside a zip the user chose, read through its central directory (yauzl), never extracted
 * to disk and never loaded whole. Entry names come from strangers: they are decoded and checked here
 * (`../`, absolute and drive paths are skipped as unsafe) instead of trusting yauzl to throw, so one
 * bad name skips one entry rather than the whole zip.
 */
import type { SkipWhy } from './skip-reason.js';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { CancelledError, InvalidInputError } from '../errors.js';
import { hiddenReason } from './hidden.js';
import { HEAD_BYTES, TAIL_BYTES } from './sample.js';
import type { ScanIssue } from './types.js';

export interface ZipCandidate {
  entry: yauzl.Entry;
  /** Decoded, '/'-separated, checked. */
  entryName: string;
  compression: 'store' | 'deflate';
}

export interface OpenedZip {
  zip: yauzl.ZipFile;
  candidates: ZipCandidate[];
  skipped: ScanIssue[];
  /** Our own handle on the zip: stored entries are read with plain positioned reads. */
  fh: FileHandle;
  zipSize: number;
  close(): Promise<void>;
}

/** Why an entry name must not be trusted, or undefined when it is a plain relative path. */
export function unsafeEntryName(raw: string): SkipWhy | undefined {
  // Windows tools write '\\' as a separator; an extractor on Windows would honour it, so do we.
  const name = raw.replace(/\\/g, '/');
  if (name.includes('\0')) return { code: 'unsafe-nul', reason: 'unsafe path (contains a NUL character)' };
  if (name.startsWith('/')) return { code: 'unsafe-absolute', reason: 'unsafe path (absolute)' };
  if (/^[a-zA-Z]:/.test(name)) return { code: 'unsafe-drive', reason: 'unsafe path (drive letter)' };
  if (name.split('/').includes('..'))
    return { code: 'unsafe-dotdot', reason: 'unsafe path (climbs out with "..")' };
  return undefined;
}

function corrupt(zipPath: string, e: unknown): InvalidInputError {
  const why = e instanceof Error ? e.message : String(e);
  return new InvalidInputError(
    `"${path.basename(zipPath)}" is not a readable zip file (${why}).`,
    'Re-create or re-download the zip, or choose the extracted folder instead.',
    { detail: 'badZip', params: { file: path.basename(zipPath) } },
  );
}

export async function openZipSource(
  zipPath: string,
  displayRoot: string,
  signal?: AbortSignal,
): Promise<OpenedZip> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(
        zipPath,
        { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
        (err, z) => (err ? reject(err) : resolve(z)),
      );
    });
  } catch (e) {
    throw corrupt(zipPath, e);
  }
  const candidates: ZipCandidate[] = [];
  const skipped: ScanIssue[] = [];
  // One line per hidden folder (a __MACOSX folder holds one '._' file per photo).
  const hiddenDirs = new Map<string, { reason: string; count: number }>();
  const show = (name: string): string => `${displayRoot} › ${name}`;

  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (signal?.aborted) {
          reject(new CancelledError('Scan cancelled.'));
          return;
        }
        const raw = (entry.fileNameRaw ?? (entry.fileName as unknown as Buffer)) as Buffer;
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
        classify(entry, name);
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (e) {
    zip.close();
    if (e instanceof CancelledError) throw e;
    throw corrupt(zipPath, e);
  }

  function classify(entry: yauzl.Entry, name: string): void {
    const unsafe = unsafeEntryName(name);
    if (unsafe !== undefined) {
      skipped.push({ displayPath: show(name), ...unsafe });
      return;
    }
    if (name.endsWith('/')) return; // a folder entry: nothing to send
    const segments = name.split('/').filter((s) => s !== '' && s !== '.');
    for (let i = 0; i < segments.length; i++) {
      const isDir = i < segments.length - 1;
      const hidden = hiddenReason(segments[i]!, isDir);
      if (hidden === undefined) continue;
      if (isDir) {
        const dir = segments.slice(0, i + 1).join('/') + '/';
        const seen = hiddenDirs.get(dir) ?? { reason: hidden.reason, count: 0 };
        seen.count++;
        hiddenDirs.set(dir, seen);
      } else skipped.push({ displayPath: show(name), ...hidden });
      return;
    }
    const clean = segments.join('/');
    if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
      skipped.push({
        displayPath: show(clean),
        code: 'zip-encrypted',
        reason: 'encrypted (password-protected) entry: extract it first',
      });
      return;
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      skipped.push({
        displayPath: show(clean),
        code: 'zip-method',
        params: { method: entry.compressionMethod },
        reason: `unsupported zip compression method ${entry.compressionMethod}: extract it first`,
      });
      return;
    }
    if (/\.zip$/i.test(clean)) {
      skipped.push({
        displayPath: show(clean),
        code: 'zip-in-zip',
        reason: 'zip inside a zip (not opened): extract it and add it separately',
      });
      return;
    }
    candidates.push({
      entry,
      entryName: clean,
      compression: entry.compressionMethod === 0 ? 'store' : 'deflate',
    });
  }

  for (const [dir, { reason, count }] of hiddenDirs) {
    skipped.push({
      displayPath: show(dir),
      code: 'ignored-folder-in-zip',
      params: { count },
      reason: `${reason}: ${count} ${count === 1 ? 'file' : 'files'}`,
    });
  }
  let fh: FileHandle;
  try {
    fh = await open(zipPath, 'r');
  } catch (e) {
    zip.close();
    throw corrupt(zipPath, e);
  }
  const zipSize = (await fh.stat()).size;
  return {
    zip,
    candidates,
    skipped,
    fh,
    zipSize,
    close: async () => {
      zip.close();
      await fh.close();
    },
  };
}

function collect(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    stream.on('data', (c: Buffer) => {
      chunks.push(c);
      n += c.length;
      // Deflated entries can only be read from the start: stop as soon as we have the head.
      if (n >= limit) {
        stream.destroy();
        resolve(Buffer.concat(chunks).subarray(0, limit));
      }
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('close', () => resolve(Buffer.concat(chunks).subarray(0, limit)));
  });
}

function openStream(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  options: yauzl.ZipFileOptions,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, options, (err, s) => (err ? reject(err) : resolve(s)));
  });
}

/**
 * Head and tail of an entry. Stored entries: three positioned reads on our own handle (local header,
 * head, tail), much cheaper than two yauzl streams per entry on a 1,000-photo zip. Deflated entries
 * give only their head (inflated from the start); the tail would need inflating everything before
 * it, so `tail` is undefined.
 */
export async function readZipHeadTail(
  z: OpenedZip,
  c: ZipCandidate,
): Promise<{ head: Buffer; tail: Buffer | undefined }> {
  const size = c.entry.uncompressedSize;
  if (c.compression === 'store') {
    const at = c.entry.relativeOffsetOfLocalHeader;
    const lh = Buffer.alloc(30);
    const { bytesRead } = await z.fh.read(lh, 0, 30, at);
    if (bytesRead !== 30 || lh.readUInt32LE(0) !== 0x04034b50)
      throw new Error('no local header where the central directory says');
    const dataStart = at + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
    if (dataStart + size > z.zipSize) throw new Error('the entry runs past the end of the zip');
    const read = async (pos: number, len: number): Promise<Buffer> => {
      const b = Buffer.allocUnsafe(len);
      const r = await z.fh.read(b, 0, len, dataStart + pos);
      return b.subarray(0, r.bytesRead);
    };
    const head = await read(0, Math.min(size, HEAD_BYTES));
    if (size <= HEAD_BYTES) return { head, tail: head.subarray(Math.max(0, head.length - TAIL_BYTES)) };
    return { head, tail: await read(size - TAIL_BYTES, TAIL_BYTES) };
  }
  const head =
    size === 0
      ? Buffer.alloc(0)
      : await collect(await openStream(z.zip, c.entry, {}), Math.min(size, HEAD_BYTES));
  return {
    head,
    tail: size <= HEAD_BYTES ? head.subarray(Math.max(0, head.length - TAIL_BYTES)) : undefined,
  };
}
