/**
 * Reading one entry's bytes (a byte range of them) from where they live: a photo file, or an entry of
 * a zip the user gave (stored or deflated; never extracted to disk). Every read first checks the
 * source against the plan: a photo that changed or vanished since the scan is an error, never sent.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { CancelledError, SourceChangedError } from '../errors.js';
import type { BufferPool } from './buffer-pool.js';
import type { PackEntry } from './types.js';

/**
 * Read size: 512 KiB keeps each part in flight to about 2 MB of buffers (read-ahead, one in the socket,
 * the next photo's CRC pass). 1 MiB reads made buffers the largest part of an upload's memory (+7 MB
 * peak on 1 GB); 256 KiB cost ~8 % more CPU in reads and promises for 1–2 MB less (measured 18:20).
 */
export const DEFAULT_CHUNK = 512 * 1024;

export interface ReadOpts {
  signal?: AbortSignal;
  chunkSize?: number;
  /** When given, read buffers come from here (and the consumer gives them back). */
  pool?: BufferPool;
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

function displayPath(entry: PackEntry): string {
  const s = entry.source;
  return s.kind === 'file' ? s.path : `${s.zipPath} › ${s.entryName}`;
}

async function openChecked(entry: PackEntry, path: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceChangedError(path, 'vanished');
    throw new SourceChangedError(path, `cannot be read: ${code ?? String(err)}`);
  }
  if (entry.source.kind === 'file') {
    try {
      await checkStat(fh, entry, path);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }
  return fh;
}

/** Same size and same mtime (to the millisecond: JSON journals and scanners may round sub-ms parts). */
async function checkStat(fh: FileHandle, entry: PackEntry, path: string): Promise<void> {
  const st = await fh.stat();
  if (st.size !== entry.size)
    throw new SourceChangedError(path, `size was ${entry.size} bytes, now ${st.size}`);
  if (Math.floor(st.mtimeMs) !== Math.floor(entry.mtimeMs)) throw new SourceChangedError(path, 'modified');
}

/** Where an input zip entry's data starts: after its local header, whose extra field may differ from the CD's. */
async function zipDataStart(fh: FileHandle, entry: PackEntry & { source: { kind: 'zip' } }): Promise<number> {
  const s = entry.source;
  const h = Buffer.alloc(30);
  const { bytesRead } = await fh.read(h, 0, 30, s.localHeaderOffset);
  if (bytesRead !== 30 || h.readUInt32LE(0) !== 0x04034b50) {
    throw new SourceChangedError(displayPath(entry), 'the zip no longer has this entry where it was');
  }
  return s.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
}

function isZip(entry: PackEntry): entry is PackEntry & { source: { kind: 'zip' } } {
  return entry.source.kind === 'zip';
}

/**
 * Yields bytes [from, to) of the entry's uncompressed data. Buffers are fresh (the consumer may hold
 * them until a socket write completes). Fewer bytes than planned is an error, never a short part.
 */
export async function* readEntryRange(
  entry: PackEntry,
  from: number,
  to: number,
  opts: ReadOpts = {},
): AsyncGenerator<Buffer> {
  if (from >= to) return;
  const chunk = opts.pool?.size ?? opts.chunkSize ?? DEFAULT_CHUNK;
  const src = entry.source;
  const path = src.kind === 'file' ? src.path : src.zipPath;
  checkAborted(opts.signal);
  const fh = await openChecked(entry, path);
  try {
    if (isZip(entry) && entry.source.compression === 'deflate') {
      const start = await zipDataStart(fh, entry);
      yield* inflateRange(entry, path, start, from, to, opts.signal, chunk);
      return;
    }
    const base = isZip(entry) ? await zipDataStart(fh, entry) : 0;
    let pos = from;
    while (pos < to) {
      checkAborted(opts.signal);
      const want = Math.min(chunk, to - pos);
      const buf = opts.pool ? opts.pool.take() : Buffer.allocUnsafeSlow(want);
      const { bytesRead } = await fh.read(buf, 0, want, base + pos);
      if (bytesRead === 0)
        throw new SourceChangedError(displayPath(entry), `ended after ${pos} of ${entry.size} bytes`);
      pos += bytesRead;
      yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
    }
    // A write during our read leaves the size equal but bumps mtime: catch it before the part completes.
    if (src.kind === 'file') await checkStat(fh, entry, path);
  } finally {
    await fh.close();
  }
}

async function* inflateRange(
  entry: PackEntry & { source: { kind: 'zip' } },
  path: string,
  dataStart: number,
  from: number,
  to: number,
  signal: AbortSignal | undefined,
  chunk: number,
): AsyncGenerator<Buffer> {
  const s = entry.source;
  const raw = createReadStream(path, {
    start: dataStart,
    end: dataStart + Math.max(0, s.compressedSize - 1),
    highWaterMark: chunk,
  });
  const inflate = createInflateRaw({ chunkSize: Math.min(chunk, 256 * 1024) });
  raw.on('error', (e) => inflate.destroy(e));
  raw.pipe(inflate);
  let pos = 0;
  try {
    for await (const b of inflate as AsyncIterable<Buffer>) {
      checkAborted(signal);
      const bStart = pos;
      pos += b.length;
      if (pos <= from) continue;
      const lo = Math.max(0, from - bStart);
      const hi = Math.min(b.length, to - bStart);
      if (hi > lo) yield b.subarray(lo, hi);
      if (pos >= to) return;
    }
  } catch (err) {
    if (err instanceof CancelledError || err instanceof SourceChangedError) throw err;
    throw new SourceChangedError(
      displayPath(entry),
      `its data cannot be inflated: ${(err as Error).message}`,
    );
  } finally {
    raw.destroy();
    inflate.destroy();
  }
  throw new SourceChangedError(displayPath(entry), `inflated to ${pos} bytes, expected ${entry.size}`);
}

/** CRC-32 of a photo file, read once through one reused buffer. */
export async function computeFileCrc(entry: PackEntry, opts: ReadOpts = {}): Promise<number> {
  if (entry.crc32 !== undefined) return entry.crc32 >>> 0;
  if (entry.source.kind === 'zip') return entry.source.crc32 >>> 0;
  const path = entry.source.path;
  checkAborted(opts.signal);
  const fh = await openChecked(entry, path);
  try {
    const buf = opts.pool
      ? opts.pool.take()
      : Buffer.allocUnsafeSlow(Math.min(opts.chunkSize ?? DEFAULT_CHUNK, Math.max(1, entry.size)));
    let crc = 0;
    let pos = 0;
    while (pos < entry.size) {
      checkAborted(opts.signal);
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, entry.size - pos), pos);
      if (bytesRead === 0) throw new SourceChangedError(path, `ended after ${pos} of ${entry.size} bytes`);
      crc = crc32(buf.subarray(0, bytesRead), crc);
      pos += bytesRead;
    }
    opts.pool?.give(buf);
    return crc >>> 0;
  } finally {
    await fh.close();
  }
}
