/**
 * One candidate (a file, or an entry of a chosen zip) → what it is: a photo with its header facts,
 * or a reason it is left out. Reads the head and tail only (sample.ts), never the whole file.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { readExif } from './exif.js';
import { extensionMatches } from './hidden.js';
import { giveScratch, readHeadTail, sampleHash, takeScratch } from './sample.js';
import { jpegLooksTruncated, jpegSize, pngLooksTruncated, pngSize, searchJpegSize, sniff } from './sniff.js';
import { osSkip, type SkipWhy } from './skip-reason.js';
import { readZipHeadTail, type OpenedZip, type ZipCandidate } from './zip-source.js';
import type { Photo, PhotoSource, ScanIssue } from './types.js';

export type Candidate =
  | {
      kind: 'file';
      root: number;
      absPath: string;
      /** Resolved path, to notice the same file reached twice. */
      realPath: string;
      relPath: string;
      displayPath: string;
      viaLink: boolean;
    }
  | {
      kind: 'zip';
      root: number;
      zip: OpenedZip;
      zipPath: string;
      c: ZipCandidate;
      relPath: string;
      displayPath: string;
    };

export type Outcome =
  | { kind: 'photo'; photo: Photo; truncated: boolean; extMismatch: boolean }
  | { kind: 'skipped' | 'rejected'; issue: ScanIssue }
  | { kind: 'zero'; displayPath: string };

/** A zip by content; a '.zip' name counts too (so a broken zip gets a clear error), unless it is really a photo. */
export async function isZipFile(p: string): Promise<boolean> {
  const fh = await open(p, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const b = Buffer.alloc(8);
    const { bytesRead } = await fh.read(b, 0, 8, 0);
    const what = sniff(b.subarray(0, bytesRead));
    if (what.kind === 'zip') return true;
    return /\.zip$/i.test(p) && what.kind !== 'photo';
  } finally {
    await fh.close();
  }
}
/**
 * The SOF lies past the head (phones put hundreds of KiB of XMP or depth maps before it): hop from
 * segment header to segment header, 64 KiB at a time, at most 16 hops. Rare, and still no whole read.
 */
async function jpegSizeBeyondHead(
  fh: FileHandle,
  head: Buffer,
  size: number,
): Promise<{ width: number; height: number } | undefined> {
  let r = searchJpegSize(head, 0, 2);
  for (let hop = 0; hop < 16 && r !== undefined && 'resumeAt' in r && r.resumeAt < size; hop++) {
    const at = r.resumeAt;
    const buf = Buffer.allocUnsafe(Math.min(64 * 1024, size - at));
    const { bytesRead } = await fh.read(buf, 0, buf.length, at);
    if (bytesRead < 4) return undefined;
    r = searchJpegSize(buf.subarray(0, bytesRead), at, at);
    if (r !== undefined && 'resumeAt' in r && r.resumeAt <= at) return undefined;
  }
  return r !== undefined && 'width' in r ? r : undefined;
}

/**
 * O_NONBLOCK: a FIFO swapped in after listing must not hang the scan. Running out of file handles
 * (other work in the process) is transient: wait and retry rather than silently drop a photo.
 */
async function openWithRetry(p: string): Promise<FileHandle> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open(p, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EMFILE' && code !== 'ENFILE' && code !== 'EAGAIN')) throw e;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

export async function inspect(c: Candidate): Promise<Outcome> {
  // Head and tail are only looked at in here (the outcome keeps facts and a hash, never the bytes).
  const scratch = takeScratch();
  try {
    return await inspectWith(c, scratch);
  } finally {
    giveScratch(scratch);
  }
}

async function inspectWith(c: Candidate, scratch: Buffer): Promise<Outcome> {
  let size: number;
  let mtimeMs: number;
  let head: Buffer;
  let tail: Buffer | undefined;
  let source: PhotoSource;
  let farDims: { width: number; height: number } | undefined;
  if (c.kind === 'file') {
    try {
      const fh = await openWithRetry(c.absPath);
      try {
        const st = await fh.stat();
        if (!st.isFile())
          return {
            kind: 'skipped',
            issue: { displayPath: c.displayPath, code: 'not-regular', reason: 'not a regular file' },
          };
        size = st.size;
        mtimeMs = st.mtimeMs;
        ({ head, tail } = await readHeadTail(fh, size, scratch));
        if (head[0] === 0xff && head[1] === 0xd8 && jpegSize(head) === undefined)
          farDims = await jpegSizeBeyondHead(fh, head, size);
      } finally {
        await fh.close();
      }
    } catch (e) {
      return { kind: 'skipped', issue: { displayPath: c.displayPath, ...osSkip(e) } };
    }
    source = { kind: 'file', path: c.absPath };
  } else {
    const e = c.c.entry;
    size = e.uncompressedSize;
    // A zip's DOS timestamps can be garbage; 0 rather than NaN (which JSON turns into null).
    const t = e.getLastModDate().getTime();
    mtimeMs = Number.isFinite(t) ? t : 0;
    try {
      ({ head, tail } = await readZipHeadTail(c.zip, c.c));
    } catch (err) {
      return {
        kind: 'skipped',
        issue: {
          displayPath: c.displayPath,
          code: 'zip-entry-unreadable',
          reason: `cannot read this zip entry: ${(err as Error).message}`,
        },
      };
    }
    source = {
      kind: 'zip',
      zipPath: c.zipPath,
      entryName: c.c.entryName,
      compression: c.c.compression,
      compressedSize: e.compressedSize,
      localHeaderOffset: e.relativeOffsetOfLocalHeader,
      crc32: e.crc32,
    };
  }
  if (size === 0) return { kind: 'zero', displayPath: c.displayPath };

  const what = sniff(head);
  if (what.kind === 'rejected') {
    return {
      kind: 'rejected',
      issue: {
        displayPath: c.displayPath,
        code: 'format-rejected',
        params: { format: what.name },
        reason: `${what.what}: the cloud accepts only JPEG and PNG; convert it first`,
      },
    };
  }
  if (what.kind === 'zip') {
    const why: SkipWhy =
      c.kind === 'zip'
        ? { code: 'zip-in-zip', reason: 'zip inside a zip (not opened): extract it and add it separately' }
        : {
            code: 'zip-in-folder',
            reason: 'zip file inside a folder (not opened): add it separately to include its photos',
          };
    return { kind: 'skipped', issue: { displayPath: c.displayPath, ...why } };
  }
  if (what.kind === 'other')
    return {
      kind: 'skipped',
      issue: {
        displayPath: c.displayPath,
        code: `content-${what.content}`,
        reason: `not an image (content is ${what.what})`,
      },
    };

  const format = what.format;
  const photo: Photo = {
    source,
    displayPath: c.displayPath,
    relPath: c.relPath,
    size,
    mtimeMs,
    format,
    sample: '',
  };
  // Deflated zip entries have no cheap tail: their CRC32 (from the central directory) stands in for it.
  const crcTail = (): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(source.kind === 'zip' ? source.crc32 >>> 0 : 0);
    return b;
  };
  photo.sample = sampleHash(size, head, tail ?? crcTail());
  const dims = farDims ?? (format === 'jpeg' ? jpegSize(head) : pngSize(head));
  if (format === 'jpeg') {
    const exif = await readExif(head);
    if (exif.camera !== undefined) photo.camera = exif.camera;
    if (exif.takenAt !== undefined) photo.takenAt = exif.takenAt;
    const d =
      dims ??
      (exif.width !== undefined && exif.height !== undefined
        ? { width: exif.width, height: exif.height }
        : undefined);
    if (d) {
      photo.width = d.width;
      photo.height = d.height;
    }
  } else if (dims) {
    photo.width = dims.width;
    photo.height = dims.height;
  }
  const truncated =
    tail !== undefined && (format === 'jpeg' ? jpegLooksTruncated(tail) : pngLooksTruncated(tail));
  const extMismatch = !extensionMatches(c.relPath, format);
  return { kind: 'photo', photo, truncated, extMismatch };
}
