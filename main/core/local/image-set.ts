/**
 * The photos of one local run: what they are (size from the file header, camera and capture time
 * from EXIF), which cannot be read, and their copy in the workspace. COLMAP gets `images/` with short
 * ASCII names (hard links where the file system allows, else copies): its image list then never
 * depends on how the user named things, and the workspace stays whole if the originals move.
 */
import { copyFile, link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { DiskError, InvalidInputError } from '../errors.js';
import { unregisteredText, type UnregisteredWhy } from './results.js';
import { focalFromExif, orientationNumber, readExifFocal } from './exif.js';
import { diskError } from '../disk-error.js';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.bmp'];

export interface ImageInfo {
  /** The user's file. */
  source: string;
  /** The name inside workspace/images (what COLMAP calls it). */
  name: string;
  width?: number | undefined;
  height?: number | undefined;
  camera?: string | undefined;
  takenAt?: number | undefined;
  /** EXIF orientation (1–8; 1 when none): 5–8 mean the pixels are stored turned by 90°. */
  orientation?: number | undefined;
  /** Focal length in pixels at `width`×`height`, from EXIF; undefined when EXIF does not say. */
  focalPx?: number | undefined;
}

export interface UnreadableImage {
  source: string;
  reason: string;
  /** `reason` as a code and its figures (results.ts), for front ends that say it in their language. */
  why?: UnregisteredWhy;
}

export interface ImageSet {
  images: ImageInfo[];
  unreadable: UnreadableImage[];
}

/**
 * Expands folders (non-recursive, image files only, natural order); files are taken as given. The
 * CLI passes whatever the user typed: one folder, one file, or a mix.
 */
export async function listImages(input: string[] | string): Promise<string[]> {
  const out: string[] = [];
  for (const p of Array.isArray(input) ? input : [input]) {
    const st = await stat(p).catch(() => undefined);
    if (!st?.isDirectory()) {
      // A missing or unreadable file is reported per photo by inspectImages.
      if (Array.isArray(input) || st) out.push(p);
      else
        throw new InvalidInputError(
          `Cannot read the image folder "${p}".`,
          'Check that it exists and that you may read it.',
          { detail: 'cannotOpen', params: { path: p } },
        );
      continue;
    }
    let entries: string[];
    try {
      entries = await readdir(p);
    } catch {
      throw new InvalidInputError(
        `Cannot read the image folder "${p}".`,
        'Check that it exists and that you may read it.',
        { detail: 'cannotOpen', params: { path: p } },
      );
    }
    out.push(
      ...entries
        .filter((n) => IMAGE_EXTENSIONS.includes(path.extname(n).toLowerCase()))
        .sort(naturalCompare)
        .map((n) => path.join(p, n)),
    );
  }
  return out;
}

export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** Reads headers and EXIF of every file; files that cannot be read are listed, not fatal. */
export async function inspectImages(files: string[]): Promise<ImageSet> {
  const images: ImageInfo[] = [];
  const unreadable: UnreadableImage[] = [];
  for (const source of files) {
    const ext = path.extname(source).toLowerCase();
    if (!IMAGE_EXTENSIONS.includes(ext)) {
      const why: UnregisteredWhy = { code: 'notImage', ext };
      unreadable.push({ source, reason: unregisteredText(why), why });
      continue;
    }
    try {
      const size = await readImageSize(source);
      if (size === 'invalid') {
        const why: UnregisteredWhy = { code: 'invalidImage' };
        unreadable.push({ source, reason: unregisteredText(why), why });
        continue;
      }
      const info: ImageInfo = { source, name: '', ...(size ?? {}) };
      const exif = await readExifFocal(source);
      if (exif) {
        if (exif.Make || exif.Model) info.camera = `${exif.Make ?? ''} ${exif.Model ?? ''}`.trim();
        if (exif.DateTimeOriginal instanceof Date) info.takenAt = exif.DateTimeOriginal.getTime();
        info.orientation = orientationNumber(exif.Orientation);
        const long = Math.max(info.width ?? 0, info.height ?? 0);
        if (long > 0) info.focalPx = focalFromExif(exif, long, long);
      }
      images.push(info);
    } catch (e) {
      const why: UnregisteredWhy = {
        code: 'unreadable',
        cause: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
      };
      unreadable.push({ source, reason: unregisteredText(why), why });
    }
  }
  return { images, unreadable };
}

/** Width and height from a PNG or JPEG header; undefined for formats we do not parse. */
export async function readImageSize(
  file: string,
): Promise<{ width: number; height: number } | undefined | 'invalid'> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const b = buf.subarray(0, bytesRead);
    if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47)
      return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b) ?? 'invalid';
    const ext = path.extname(file).toLowerCase();
    return ext === '.png' || ext === '.jpg' || ext === '.jpeg' ? 'invalid' : undefined;
  } finally {
    await fh.close();
  }
}

function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return undefined;
}

export interface StageOptions {
  /**
   * Long side COLMAP works at. A JPEG larger than this, or stored turned (EXIF orientation ≠ 1),
   * is staged as an upright working copy of that size (sharp: the JPEG is decoded already shrunk,
   * several times faster than COLMAP decoding 12 MP and scaling down itself); the rest are linked.
   */
  workingSize?: number | undefined;
  threads?: number | undefined;
}

/**
 * Puts the images into `dir` as img_00001.ext…, in capture order (EXIF time when every photo has
 * one, else the natural order of the names). Returns the images with `name` set (and, for working
 * copies, their new size and focal length).
 */
export async function stageImages(set: ImageSet, dir: string, opts: StageOptions = {}): Promise<ImageInfo[]> {
  const ordered = [...set.images];
  if (ordered.length > 0 && ordered.every((i) => i.takenAt !== undefined)) {
    ordered.sort((a, b) => a.takenAt! - b.takenAt! || naturalCompare(a.source, b.source));
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const limit = pLimit(Math.max(1, opts.threads ?? 1));
  const copies = await Promise.all(
    ordered.map((img, k) =>
      limit(async () => {
        if (!needsWorkingCopy(img, opts.workingSize)) return undefined;
        const name = `img_${String(k + 1).padStart(5, '0')}.jpg`;
        try {
          return { ...img, ...(await workingCopy(img, path.join(dir, name), opts.workingSize)), name };
        } catch (e) {
          // A photo sharp cannot decode is linked as it is: COLMAP then reports it as unreadable.
          if (e instanceof DiskError) throw e;
          return undefined;
        }
      }),
    ),
  );
  const out: ImageInfo[] = [];
  for (const [k, img] of ordered.entries()) {
    const copy = copies[k];
    if (copy) {
      out.push(copy);
      continue;
    }
    const name = `img_${String(k + 1).padStart(5, '0')}${path.extname(img.source).toLowerCase()}`;
    const dest = path.join(dir, name);
    try {
      await link(img.source, dest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        throw diskError(e, { folder: dir }, `The disk is full: could not place the photos in "${dir}".`);
      // Another drive, FAT, or no permission to link: copy instead.
      try {
        await copyFile(img.source, dest);
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'ENOSPC')
          throw diskError(e2, { folder: dir }, `The disk is full: could not copy the photos into "${dir}".`);
        throw e2;
      }
    }
    out.push({ ...img, name });
  }
  return out;
}

function needsWorkingCopy(img: ImageInfo, size: number | undefined): boolean {
  if (!/\.jpe?g$/i.test(img.source)) return false;
  const turned = (img.orientation ?? 1) !== 1;
  const large = size !== undefined && Math.max(img.width ?? 0, img.height ?? 0) > size;
  return turned || large;
}

async function workingCopy(
  img: ImageInfo,
  dest: string,
  size: number | undefined,
): Promise<Pick<ImageInfo, 'width' | 'height' | 'focalPx' | 'orientation'>> {
  const sharp = (await import('sharp')).default;
  let pipeline = sharp(img.source, { failOn: 'error', sequentialRead: true }).rotate();
  if (size !== undefined) pipeline = pipeline.resize(size, size, { fit: 'inside', withoutEnlargement: true });
  let info;
  try {
    info = await pipeline.jpeg({ quality: 95 }).toFile(dest);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC' || /ENOSPC|No space/i.test(String(e)))
      throw new DiskError(`The disk is full: could not place the photos in "${path.dirname(dest)}".`, e, {
        detail: 'full',
        params: { folder: path.dirname(dest) },
      });
    throw e;
  }
  const long = Math.max(img.width ?? 0, img.height ?? 0);
  const scale = long > 0 ? Math.max(info.width, info.height) / long : 1;
  return {
    width: info.width,
    height: info.height,
    focalPx: img.focalPx !== undefined ? img.focalPx * scale : undefined,
    orientation: 1,
  };
}

/** Total size of the given files, for a free-space check before a run. */
export async function totalBytes(files: string[]): Promise<number> {
  let sum = 0;
  for (const f of files) sum += (await stat(f)).size;
  return sum;
}
