/**
 * scanSources: from what the user chose (folders, zips, single files, any mix) to the list of photos
 * we will send, plus everything we left out and why. Reads only heads, tails and sizes (sample.ts),
 * with bounded concurrency, so a 2 GB set scans in about a second once cached.
 */
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { CancelledError, InvalidInputError } from '../errors.js';
import { readExif } from './exif.js';
import { extensionMatches } from './hidden.js';
import { naturalCompare } from './natural-sort.js';
import { readHeadTail, sampleHash } from './sample.js';
import { jpegLooksTruncated, jpegSize, pngLooksTruncated, pngSize, searchJpegSize, sniff } from './sniff.js';
import { listPaths, setWarnings } from './warnings.js';
import { osReason, walkFolder } from './walk.js';
import { openZipSource, readZipHeadTail, type OpenedZip, type ZipCandidate } from './zip-source.js';
import type { Photo, PhotoSource, ScanIssue, ScanOptions, ScanResult, ScanWarning } from './types.js';

export const DEFAULT_SCAN_CONCURRENCY = 16;

type Candidate =
  | { kind: 'file'; root: number; absPath: string; relPath: string; displayPath: string; viaLink: boolean }
  | {
      kind: 'zip';
      root: number;
      zip: OpenedZip;
      zipPath: string;
      c: ZipCandidate;
      relPath: string;
      displayPath: string;
    };

type Outcome =
  | { kind: 'photo'; photo: Photo; truncated: boolean; extMismatch: boolean }
  | { kind: 'skipped' | 'rejected'; issue: ScanIssue }
  | { kind: 'zero'; displayPath: string };

interface Tagged<T> {
  root: number;
  item: T;
}

/** A zip by content; a '.zip' name counts too (so a broken zip gets a clear error), unless it is really a photo. */
async function isZipFile(p: string): Promise<boolean> {
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

export async function scanSources(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const { signal, onProgress } = opts;
  if (paths.length === 0)
    throw new InvalidInputError(
      'No files or folders were chosen.',
      'Choose a folder of photos, a zip, or some photos.',
    );
  const candidates: Candidate[] = [];
  const skipped: Tagged<ScanIssue>[] = [];
  const zips: OpenedZip[] = [];
  const zipReals = new Set<string>();
  const checkAbort = (): void => {
    if (signal?.aborted) throw new CancelledError('Scan cancelled.');
  };

  try {
    // 1. List every candidate, root by root (cheap: directory reads and central directories).
    for (const [root, p] of paths.entries()) {
      checkAbort();
      const abs = path.resolve(p);
      const name = path.basename(abs) || abs;
      let st: Stats;
      try {
        st = await stat(abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT')
          throw new InvalidInputError(
            `"${p}" does not exist.`,
            'Check the path, or choose the folder again.',
          );
        throw new InvalidInputError(`"${p}" cannot be opened: ${osReason(e)}.`);
      }
      if (st.isDirectory()) {
        const w = await walkFolder(abs, name, signal);
        for (const f of w.files)
          candidates.push({
            kind: 'file',
            root,
            absPath: f.absPath,
            relPath: f.relPath,
            displayPath: `${name}/${f.relPath}`,
            viaLink: f.viaLink,
          });
        for (const s of w.skipped) skipped.push({ root, item: s });
      } else if (st.isFile() && (await isZipFile(abs))) {
        const real = await realKey(abs);
        if (zipReals.has(real)) {
          skipped.push({
            root,
            item: { displayPath: name, reason: 'same zip chosen twice (already included)' },
          });
          continue;
        }
        zipReals.add(real);
        const z = await openZipSource(abs, name, signal);
        zips.push(z);
        for (const c of z.candidates) {
          candidates.push({
            kind: 'zip',
            root,
            zip: z,
            zipPath: abs,
            c,
            relPath: c.entryName,
            displayPath: `${name} › ${c.entryName}`,
          });
        }
        for (const s of z.skipped) skipped.push({ root, item: s });
      } else if (st.isFile()) {
        candidates.push({
          kind: 'file',
          root,
          absPath: abs,
          relPath: name,
          displayPath: name,
          viaLink: false,
        });
      } else {
        skipped.push({ root, item: { displayPath: name, reason: 'not a file, folder or zip' } });
      }
    }

    // 2. The same file reached twice (chosen twice, or a link to a file already in the set).
    const seen = new Map<string, string>();
    const unique: Candidate[] = [];
    // Real entries first, so a link (not the file it points to) is what gets dropped.
    const linksLast = [
      ...candidates.filter((c) => !(c.kind === 'file' && c.viaLink)),
      ...candidates.filter((c) => c.kind === 'file' && c.viaLink),
    ];
    for (const c of linksLast) {
      if (c.kind === 'file') {
        const key = await realKey(c.absPath);
        const first = seen.get(key);
        if (first !== undefined) {
          skipped.push({
            root: c.root,
            item: { displayPath: c.displayPath, reason: `same file as "${first}" (already included)` },
          });
          continue;
        }
        seen.set(key, c.displayPath);
      }
      unique.push(c);
    }

    // 3. Read heads and tails with bounded concurrency.
    const limit = pLimit(Math.max(1, opts.concurrency ?? DEFAULT_SCAN_CONCURRENCY));
    let done = 0;
    const total = unique.length;
    onProgress?.(0, total);
    const outcomes = await Promise.all(
      unique.map((c) =>
        limit(async () => {
          checkAbort();
          const o = await inspect(c);
          done++;
          onProgress?.(done, total);
          return { root: c.root, item: o };
        }),
      ),
    );
    checkAbort();
    return assemble(paths, outcomes, skipped);
  } finally {
    for (const z of zips) await z.close();
  }
}

async function realKey(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return p;
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

async function inspect(c: Candidate): Promise<Outcome> {
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
          return { kind: 'skipped', issue: { displayPath: c.displayPath, reason: 'not a regular file' } };
        size = st.size;
        mtimeMs = st.mtimeMs;
        ({ head, tail } = await readHeadTail(fh, size));
        if (head[0] === 0xff && head[1] === 0xd8 && jpegSize(head) === undefined)
          farDims = await jpegSizeBeyondHead(fh, head, size);
      } finally {
        await fh.close();
      }
    } catch (e) {
      return { kind: 'skipped', issue: { displayPath: c.displayPath, reason: osReason(e) } };
    }
    source = { kind: 'file', path: c.absPath };
  } else {
    const e = c.c.entry;
    size = e.uncompressedSize;
    mtimeMs = e.getLastModDate().getTime();
    try {
      ({ head, tail } = await readZipHeadTail(c.zip, c.c));
    } catch (err) {
      return {
        kind: 'skipped',
        issue: {
          displayPath: c.displayPath,
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
        reason: `${what.what}: the cloud accepts only JPEG and PNG; convert it first`,
      },
    };
  }
  if (what.kind === 'zip') {
    const reason =
      c.kind === 'zip'
        ? 'zip inside a zip (not opened): extract it and add it separately'
        : 'zip file inside a folder (not opened): add it separately to include its photos';
    return { kind: 'skipped', issue: { displayPath: c.displayPath, reason } };
  }
  if (what.kind === 'other')
    return {
      kind: 'skipped',
      issue: { displayPath: c.displayPath, reason: `not an image (content is ${what.what})` },
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

function byRootThen<T>(key: (t: T) => string): (a: Tagged<T>, b: Tagged<T>) => number {
  return (a, b) => a.root - b.root || naturalCompare(key(a.item), key(b.item));
}

function assemble(paths: string[], outcomes: Tagged<Outcome>[], listed: Tagged<ScanIssue>[]): ScanResult {
  const photos: Tagged<Photo>[] = [];
  const skipped: Tagged<ScanIssue>[] = [...listed];
  const rejected: Tagged<ScanIssue>[] = [];
  const truncated: Tagged<Photo>[] = [];
  const mismatched: Tagged<Photo>[] = [];
  const zero: Tagged<string>[] = [];
  for (const { root, item: o } of outcomes) {
    if (o.kind === 'photo') {
      photos.push({ root, item: o.photo });
      if (o.truncated) truncated.push({ root, item: o.photo });
      if (o.extMismatch) mismatched.push({ root, item: o.photo });
    } else if (o.kind === 'zero') {
      zero.push({ root, item: o.displayPath });
      skipped.push({ root, item: { displayPath: o.displayPath, reason: 'empty file (0 bytes)' } });
    } else (o.kind === 'skipped' ? skipped : rejected).push({ root, item: o.issue });
  }
  const byRel = byRootThen<Photo>((p) => p.relPath);
  photos.sort(byRel);
  const issueOrder = byRootThen<ScanIssue>((i) => i.displayPath);
  skipped.sort(issueOrder);
  rejected.sort(issueOrder);
  zero.sort(byRootThen<string>((s) => s));
  truncated.sort(byRel);
  mismatched.sort(byRel);

  const sorted = photos.map((t) => t.item);
  if (sorted.length === 0)
    throw noPhotos(
      paths,
      skipped.map((t) => t.item),
      rejected.map((t) => t.item),
    );

  const warnings: ScanWarning[] = [];
  if (truncated.length > 0) {
    const ps = truncated.map((t) => t.item.displayPath);
    warnings.push({
      code: 'truncated',
      message: `${ps.length === 1 ? '1 photo looks' : `${ps.length} photos look`} cut short (no end-of-image marker): ${listPaths(ps)}. Copy them again from the camera or card.`,
      paths: ps,
    });
  }
  if (zero.length > 0) {
    const ps = zero.map((t) => t.item);
    warnings.push({
      code: 'zero-bytes',
      message: `${ps.length === 1 ? '1 file is' : `${ps.length} files are`} empty (0 bytes) and left out: ${listPaths(ps)}. An interrupted copy?`,
      paths: ps,
    });
  }
  if (mismatched.length > 0) {
    const ps = mismatched.map((t) => t.item.displayPath);
    const eg = mismatched[0]!.item;
    warnings.push({
      code: 'extension-mismatch',
      message: `${ps.length === 1 ? '1 photo has a name' : `${ps.length} photos have names`} that do not match the content (e.g. "${eg.displayPath}" is a ${eg.format.toUpperCase()}): ${listPaths(ps)}. They are included as what they really are.`,
      paths: ps,
    });
  }
  warnings.push(...setWarnings(sorted));
  return {
    photos: sorted,
    skipped: skipped.map((t) => t.item),
    rejected: rejected.map((t) => t.item),
    warnings,
    totalBytes: sorted.reduce((n, p) => n + p.size, 0),
  };
}

function noPhotos(paths: string[], skipped: ScanIssue[], rejected: ScanIssue[]): InvalidInputError {
  const where = paths.length === 1 ? `"${paths[0]}"` : `the ${paths.length} chosen items`;
  const left = [...rejected, ...skipped];
  if (left.length === 0)
    return new InvalidInputError(
      `No photos found in ${where}: it is empty.`,
      'Choose the folder or zip that holds the JPEG or PNG photos.',
    );
  const shown = left.slice(0, 5).map((i) => `${i.displayPath} (${i.reason})`);
  const more = left.length > shown.length ? `, and ${left.length - shown.length} more` : '';
  const files = (n: number): string => `${n} ${n === 1 ? 'file' : 'files'}`;
  const counts = [
    rejected.length > 0 ? `${files(rejected.length)} not accepted` : '',
    skipped.length > 0 ? `${files(skipped.length)} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return new InvalidInputError(
    `No photos found in ${where}: ${counts}: ${shown.join('; ')}${more}.`,
    rejected.length > 0
      ? 'The cloud accepts JPEG and PNG photos: convert the others first.'
      : 'Choose the folder or zip that holds the JPEG or PNG photos.',
  );
}
