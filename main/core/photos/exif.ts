/**
 * Camera and capture date from EXIF, read with exifr from the head bytes we already have (never the
 * file: exifr given a path would read as much as it likes).
 */
import exifr from 'exifr';

export interface ExifFacts {
  camera?: string;
  takenAt?: string;
  width?: number;
  height?: number;
}

/** Make + Model as people say it: 'Canon EOS 5D', not 'Canon Canon EOS 5D'. */
export function cameraName(make: unknown, model: unknown): string | undefined {
  const mk = typeof make === 'string' ? make.replace(/\0/g, '').trim() : '';
  const md = typeof model === 'string' ? model.replace(/\0/g, '').trim() : '';
  if (mk === '' && md === '') return undefined;
  if (mk === '') return md;
  if (md === '') return mk;
  return md.toLowerCase().startsWith(mk.toLowerCase()) ? md : `${mk} ${md}`;
}

/** 'YYYY:MM:DD HH:MM:SS' → 'YYYY-MM-DDTHH:MM:SS' (camera local time: EXIF 2.2 has no zone). */
function exifDate(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(v.trim());
  if (m === null || m[1] === '0000') return undefined;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

/** Built once: exifr re-validates an options object on every call. Only the tags we use. */
const EXIF_OPTIONS = {
  tiff: true,
  ifd0: { pick: ['Make', 'Model'] } as never,
  exif: { pick: ['DateTimeOriginal', 'CreateDate', 'ExifImageWidth', 'ExifImageHeight'] } as never,
  gps: false,
  interop: false,
  ifd1: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  reviveValues: false,
  translateValues: false,
  mergeOutput: true,
};

export async function readExif(head: Buffer): Promise<ExifFacts> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(head, EXIF_OPTIONS)) as Record<string, unknown> | undefined;
  } catch {
    // Broken or absent EXIF is common (edited, stripped, exported photos) and not worth a warning.
    return {};
  }
  if (tags === undefined || tags === null) return {};
  const out: ExifFacts = {};
  const camera = cameraName(tags.Make, tags.Model);
  if (camera !== undefined) out.camera = camera;
  const taken = exifDate(tags.DateTimeOriginal) ?? exifDate(tags.CreateDate);
  if (taken !== undefined) out.takenAt = taken;
  if (typeof tags.ExifImageWidth === 'number' && typeof tags.ExifImageHeight === 'number') {
    out.width = tags.ExifImageWidth;
    out.height = tags.ExifImageHeight;
  }
  return out;
}
