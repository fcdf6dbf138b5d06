/**
 * The tour's photo set: real, decodable JPEGs that look like a scan, so the review shows thumbnails
 * (not "cannot be read" placeholders) and the pre-flight check judges photos, not junk. A ring of 12
 * views of textured objects, ray-cast by main/core/local/testing/planted.ts at 640×480 (small: the
 * check then takes ~3 s on 2 cores), with one view blurred and two views of another object filed
 * among them: the check marks exactly those three. Written as JPEG with the EXIF a camera writes
 * (make, model, focal length, capture time). Rendered once per worker process (~1 s) and written into
 * each test's own folder.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { generatePlantedSet } from '../main/core/local/testing/planted.js';

export interface ScanSet {
  /** Every photo's file name, in capture order. */
  names: string[];
  /** The blurred photo(s), the check's `blur`. */
  blurred: string[];
  /** The photos of another object, the check's `disconnected`. */
  foreign: string[];
}

const WIDTH = 640;
const HEIGHT = 480;
/** synth.ts renders with a focal length of 0.875 × width px; as a 1/2.3" sensor (~1.55 µm pixels) would say it. */
const PX_PER_MM = 645;
const FOCAL_MM = (0.875 * WIDTH) / PX_PER_MM;

interface Rendered extends ScanSet {
  jpegs: Buffer[];
}

let rendered: Promise<Rendered> | undefined;

async function render(): Promise<Rendered> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sb-scan-set-'));
  try {
    // 12 views 30° apart; ring view 3 blurred; 2 views of another object after ring view 6.
    const set = await generatePlantedSet({
      dir: tmp,
      views: 12,
      width: WIDTH,
      height: HEIGHT,
      blur: [3],
      foreign: { after: 6, count: 2 },
    });
    const jpeg = (f: string): string => path.basename(f).replace(/\.png$/, '.jpg');
    const jpegs = await Promise.all(
      set.files.map(async (f, i) =>
        sharp(await readFile(f))
          .jpeg({ quality: 85 })
          .withExif({
            IFD0: { Make: 'OpenScan', Model: 'OpenScan Mini' },
            IFD2: {
              FocalLength: `${Math.round(FOCAL_MM * 1000)}/1000`,
              FocalPlaneXResolution: `${PX_PER_MM}/1`,
              FocalPlaneYResolution: `${PX_PER_MM}/1`,
              FocalPlaneResolutionUnit: '4',
              DateTimeOriginal: `2026:03:14 10:00:${String(i * 4).padStart(2, '0')}`,
            },
          })
          .toBuffer(),
      ),
    );
    return {
      names: set.files.map(jpeg),
      blurred: set.blurred.map(jpeg),
      foreign: set.foreign.map(jpeg),
      jpegs,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Writes the set into `dir` (created if missing). */
export async function makeScanSet(dir: string): Promise<ScanSet> {
  rendered ??= render();
  const r = await rendered;
  await mkdir(dir, { recursive: true });
  await Promise.all(r.names.map((n, i) => writeFile(path.join(dir, n), r.jpegs[i]!)));
  return { names: [...r.names], blurred: [...r.blurred], foreign: [...r.foreign] };
}
