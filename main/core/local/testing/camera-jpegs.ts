/**
 * Synthetic "camera" JPEGs: the ring rendered by synth.ts, scaled up to a camera's size (e.g.
 * 4000×3000, 12 MP) and written as JPEG with the EXIF a camera writes — make, model, focal length
 * (real and 35 mm equivalent, focal plane resolution) and, for photos held upright, orientation 6
 * with the pixels stored turned (as a phone stores a portrait shot). These are renders, not
 * photographs: no package we can reach ships real 12 MP photos with EXIF under a licence we may use.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { generateSyntheticSet, type SynthResult } from './synth.js';

export interface CameraSetOptions {
  dir: string;
  views: number;
  /** Size the ring is rendered at (the ray caster's cost); scaled up to `width`×`height`. */
  renderWidth?: number;
  renderHeight?: number;
  width?: number;
  height?: number;
  /** Views stored turned with EXIF orientation 6 (as a camera held upright writes them). */
  rotated?: (index: number) => boolean;
  quality?: number;
}

export interface CameraSet {
  files: string[];
  truth: SynthResult;
  /** The focal length written to EXIF, in pixels of the full-size image. */
  focalPx: number;
}

/** Sensor pixels per mm written to EXIF (a 1/2.3" 12 MP sensor has ~1.55 µm pixels → ~645 px/mm). */
const PX_PER_MM = 645;

export async function generateCameraSet(o: CameraSetOptions): Promise<CameraSet> {
  const width = o.width ?? 4000;
  const height = o.height ?? 3000;
  const rw = o.renderWidth ?? 800;
  const rh = o.renderHeight ?? 600;
  const renders = path.join(o.dir, '.renders');
  const truth = await generateSyntheticSet({ dir: renders, views: o.views, width: rw, height: rh });
  await mkdir(o.dir, { recursive: true });
  // synth.ts uses focal = 0.875 × width; the same field of view at the full size.
  const focalPx = 0.875 * width;
  const focalMm = focalPx / PX_PER_MM;
  const f35 = Math.round((focalPx / width) * 36);
  const files: string[] = [];
  for (const [i, v] of truth.views.entries()) {
    const file = path.join(o.dir, `DSC_${String(i + 1).padStart(4, '0')}.jpg`);
    const turned = o.rotated?.(i) ?? false;
    let img = sharp(v.file).resize(width, height, { kernel: 'lanczos3' });
    // Orientation 6 means "turn 90° clockwise to view": store the pixels turned 90° anticlockwise.
    if (turned) img = sharp(await img.toBuffer()).rotate(-90);
    await img
      .jpeg({ quality: o.quality ?? 88 })
      .withMetadata({ orientation: turned ? 6 : 1 })
      .withExif({
        IFD0: { Make: 'ScanBridge', Model: 'Synthetic Ring 12MP' },
        IFD2: {
          FocalLength: `${Math.round(focalMm * 1000)}/1000`,
          FocalLengthIn35mmFilm: String(f35),
          FocalPlaneXResolution: `${PX_PER_MM}/1`,
          FocalPlaneYResolution: `${PX_PER_MM}/1`,
          FocalPlaneResolutionUnit: '4',
          DateTimeOriginal: `2026:01:01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        },
      })
      .toFile(file);
    files.push(file);
  }
  await import('node:fs/promises').then((fs) => fs.rm(renders, { recursive: true, force: true }));
  return { files, truth, focalPx };
}
