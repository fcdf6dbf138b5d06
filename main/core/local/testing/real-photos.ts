/**
 * Real camera JPEGs for the tests, from the Debian package forensics-samples-files (photos by João
 * Eriberto Mota Filho, CC-BY-SA-4.0; .ci/run installs the package, nothing is copied into this
 * repository): four 12 MP phone photos (Xiaomi Mi A3, 4000×3000, one stored upside down with EXIF
 * orientation 3) and a Canon PowerShot SX530 HS photo shrunk to 1280×960 that kept the camera's EXIF
 * (4608×3456, focal length and focal plane resolution). Four unrelated scenes: no photogrammetry
 * set, but real EXIF and real 12 MP files for the check and the pipeline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mustHaveTools } from '../../testing/require-tool.js';

export const REAL_PHOTO_DIR = '/usr/share/forensics-samples/original-files';

export const REAL_PHOTOS = {
  phone: ['pic1/IMG_20200827_231612.jpg', 'pic2/IMG_20191224_234846.jpg', 'pic2/IMG_20200124_231153.jpg', 'pic2/IMG_20200608_111614.jpg'], // prettier-ignore
  /** The phone photo stored upside down (EXIF orientation 3). */
  upsideDown: 'pic2/IMG_20200124_231153.jpg',
  canon: 'pic1/IMG_1054.JPG',
} as const;

/** Absolute paths, or undefined when the package is missing (a failure under CI, like a missing tool). */
export function realPhoto(rel: string): string | undefined {
  const file = path.join(REAL_PHOTO_DIR, rel);
  if (existsSync(file)) return file;
  if (mustHaveTools())
    throw new Error(`Real test photo ${file} is missing: install the Debian package forensics-samples-files (.ci/run does).`); // prettier-ignore
  return undefined;
}
