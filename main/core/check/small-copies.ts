/**
 * Small copies for the check: each photo decoded once with sharp (libvips shrink-on-load, so a
 * 12 MP JPEG is never held at full size), turned upright by its EXIF orientation, scaled to
 * SMALL_EDGE on the long side, measured in memory and written as a JPEG into the check's work
 * folder (never beside the user's photos) for COLMAP. The EXIF focal length is read here too and
 * scaled to the copy, so the quick reconstruction starts from the camera's real field of view.
 */
import path from 'node:path';
import exifr from 'exifr';
import { clipping, laplacianVariance } from './measures.js';

/** Long side of the copies: 640–800 px keeps SIFT meaningful and a 300-photo check short. */
export const SMALL_EDGE = 640;

export interface SmallCopy {
  /** The copy in the work folder. */
  file: string;
  width: number;
  height: number;
  sharpness: number;
  highlights: number;
  shadows: number;
  /** Focal length in pixels of the copy, from EXIF; undefined when EXIF does not say. */
  focalPx?: number | undefined;
  /** EXIF orientation (1–8) the copy was turned by; 1 when none. */
  orientation: number;
}

type SharpFn = (typeof import('sharp'))['default'];
let sharpLoad: Promise<SharpFn> | undefined;
function loadSharp(): Promise<SharpFn> {
  sharpLoad ??= import('sharp').then((m) => {
    // No libvips operation cache: each photo is seen once, and the cache would hold decoded images.
    m.default.cache(false);
    return m.default;
  });
  return sharpLoad;
}

interface ExifFocal {
  FocalLength?: number;
  FocalLengthIn35mmFormat?: number;
  FocalPlaneXResolution?: number;
  FocalPlaneYResolution?: number;
  FocalPlaneResolutionUnit?: number | string;
  ExifImageWidth?: number;
  ExifImageHeight?: number;
  ImageWidth?: number;
  ImageHeight?: number;
  Orientation?: number | string;
}

const MM_PER_UNIT: Record<string, number> = { '2': 25.4, inches: 25.4, '3': 10, cm: 10, '4': 1, mm: 1 };

/**
 * Focal length in pixels for an image whose long side is `longSide`, from EXIF: the 35 mm
 * equivalent (as a fraction of a 36 mm frame width), else the real focal length times the focal
 * plane resolution (sensor pixels per unit), scaled from the full frame. Undefined when EXIF has
 * neither, so COLMAP falls back to its own prior.
 */
export function focalFromExif(
  e: ExifFocal | undefined,
  longSide: number,
  fullLongSide?: number,
): number | undefined {
  if (!e) return undefined;
  if (e.FocalLengthIn35mmFormat && e.FocalLengthIn35mmFormat > 0)
    return (e.FocalLengthIn35mmFormat / 36) * longSide;
  const full =
    fullLongSide ??
    Math.max(e.ExifImageWidth ?? 0, e.ExifImageHeight ?? 0, e.ImageWidth ?? 0, e.ImageHeight ?? 0);
  const unit = MM_PER_UNIT[String(e.FocalPlaneResolutionUnit ?? '2').toLowerCase()];
  const res = Math.max(e.FocalPlaneXResolution ?? 0, e.FocalPlaneYResolution ?? 0);
  if (e.FocalLength && e.FocalLength > 0 && res > 0 && unit && full > 0) {
    const fFull = e.FocalLength * (res / unit);
    return fFull * (longSide / full);
  }
  return undefined;
}

export function orientationNumber(v: unknown): number {
  if (typeof v === 'number' && v >= 1 && v <= 8) return v;
  if (typeof v !== 'string') return 1;
  // exifr translates the tag into words unless asked not to.
  const words = [
    'horizontal (normal)',
    'mirror horizontal',
    'rotate 180',
    'mirror vertical',
    'mirror horizontal and rotate 270 cw',
    'rotate 90 cw',
    'mirror horizontal and rotate 90 cw',
    'rotate 270 cw',
  ];
  const i = words.indexOf(v.toLowerCase());
  return i >= 0 ? i + 1 : 1;
}

/** Reads the EXIF fields the check uses; none for PNG or a photo without EXIF. */
export async function readExifFocal(file: string): Promise<ExifFocal | undefined> {
  const ext = path.extname(file).toLowerCase();
  if (!['.jpg', '.jpeg', '.tif', '.tiff'].includes(ext)) return undefined;
  return (await exifr
    .parse(file, {
      translateValues: false,
      pick: [
        'FocalLength',
        'FocalLengthIn35mmFormat',
        'FocalPlaneXResolution',
        'FocalPlaneYResolution',
        'FocalPlaneResolutionUnit',
        'ExifImageWidth',
        'ExifImageHeight',
        'ImageWidth',
        'ImageHeight',
        'Orientation',
      ],
    })
    .catch(() => undefined)) as ExifFocal | undefined;
}

/** Makes the copy `dest` of `source` and measures it. Throws when the photo cannot be decoded. */
export async function makeSmallCopy(source: string, dest: string, edge = SMALL_EDGE): Promise<SmallCopy> {
  const sharp = await loadSharp();
  const [exif, meta] = await Promise.all([readExifFocal(source), sharp(source).metadata()]);
  const { data, info } = await sharp(source, { failOn: 'error', sequentialRead: true })
    .rotate()
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i++, j += channels) {
    // Rec. 601 luma, integer: what a camera's own histogram shows.
    grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  }
  await sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 92 }).toFile(dest);
  const { highlights, shadows } = clipping(grey);
  const orientation = orientationNumber(exif?.Orientation ?? meta.orientation);
  // The focal plane resolution refers to the sensor as stored (before turning upright).
  const fullLong = Math.max(meta.width ?? 0, meta.height ?? 0) || undefined;
  return {
    file: dest,
    width,
    height,
    sharpness: laplacianVariance(grey, width, height),
    highlights,
    shadows,
    focalPx: focalFromExif(exif, Math.max(width, height), fullLong),
    orientation,
  };
}
