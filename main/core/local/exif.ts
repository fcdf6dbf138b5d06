/**
 * What a photo's EXIF says about its camera: the orientation it was held in (1–8) and its focal
 * length in pixels. The check uses both for its small copies, the local pipeline for its working
 * copies and COLMAP's camera prior (COLMAP 3.8 ignores the orientation tag, and reads the 35 mm
 * focal length against a 35 mm frame, not 36 mm).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';

export interface ExifFocal {
  Make?: string;
  Model?: string;
  DateTimeOriginal?: Date | string;
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
 * plane resolution (sensor pixels per unit), scaled from the image the camera wrote. That size is
 * EXIF's own image size when recorded — a photo shrunk later keeps the camera's tags (a real Canon
 * JPEG at 1280×960 says 4608×3456: its focal came out 3.6× too long when scaled from the pixels) —
 * else `fileLongSide`, the long side of the file's pixels as stored. Undefined when EXIF has
 * neither, so COLMAP falls back to its own prior.
 */
export function focalFromExif(
  e: ExifFocal | undefined,
  longSide: number,
  fileLongSide?: number,
): number | undefined {
  if (!e) return undefined;
  if (e.FocalLengthIn35mmFormat && e.FocalLengthIn35mmFormat > 0)
    return (e.FocalLengthIn35mmFormat / 36) * longSide;
  const full =
    Math.max(e.ExifImageWidth ?? 0, e.ExifImageHeight ?? 0, e.ImageWidth ?? 0, e.ImageHeight ?? 0) ||
    (fileLongSide ?? 0);
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

/** Reads the EXIF fields the check and the pipeline use (from `bytes` when given); none for PNG or without EXIF. */
export async function readExifFocal(file: string, bytes?: Buffer): Promise<ExifFocal | undefined> {
  const ext = path.extname(file).toLowerCase();
  if (!['.jpg', '.jpeg', '.tif', '.tiff'].includes(ext)) return undefined;
  // Bytes, never the path: exifr given a path leaves its file handle open when the photo has no
  // EXIF (exifr issue #111). EXIF lives in APP1 (≤ 64 KiB) right after SOI or a small APP0.
  const input = bytes ?? (await readHead(file).catch(() => undefined));
  if (!input) return undefined;
  return (await exifr
    .parse(input, {
      translateValues: false,
      // exifr revives DateTimeOriginal as a Date even untranslated.
      pick: [
        'Make',
        'Model',
        'DateTimeOriginal',
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

async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(128 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
