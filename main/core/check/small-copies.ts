/**
 * Small copies for the check: each photo decoded once with sharp (libvips shrink-on-load, so a
 * 12 MP JPEG is never held at full size), turned upright by its EXIF orientation, scaled to
 * SMALL_EDGE on the long side, measured in memory and written as a JPEG into the check's work
 * folder (never beside the user's photos) for COLMAP. The EXIF focal length is read here too and
 * scaled to the copy, so the quick reconstruction starts from the camera's real field of view.
 */
import { focalFromExif, orientationNumber, readExifFocal } from '../local/exif.js';
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

/**
 * Makes the copy `dest` of `source` (a file, or a photo's bytes named `name`) and measures it. Throws
 * when the photo cannot be decoded.
 */
export async function makeSmallCopy(
  source: string | Buffer,
  dest: string,
  edge = SMALL_EDGE,
  name = typeof source === 'string' ? source : '',
): Promise<SmallCopy> {
  const sharp = await loadSharp();
  const exifOf = typeof source === 'string' ? readExifFocal(source) : readExifFocal(name, source);
  const [exif, meta] = await Promise.all([exifOf, sharp(source).metadata()]);
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
