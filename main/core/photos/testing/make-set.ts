/**
 * Test and benchmark helper: a set of JPEG-like photos of realistic sizes, written fast.
 *
 * Each file is a valid JPEG header (SOI, APP1 EXIF with Make/Model/date, DQT, SOF0 with the given
 * dimensions, DHT, SOS), then incompressible pseudo-random filler as the "entropy-coded data", then
 * EOI. The filler is an AES-128-CTR keystream keyed by the seed (fast and deterministic: the same
 * seed gives the same bytes on every machine), with 0xFF bytes turned into 0xFE so no stray marker
 * appears inside the scan data. Headers, sizes and tails are real, so the scanner sees valid photos;
 * pixel decoders would not (nothing here needs them to).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { open, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { jpegHeader } from './make-jpeg.js';

export interface PhotoSetOptions {
  count: number;
  /** Every file this many bytes (at least the header size + 2). */
  bytesEach?: number;
  /** Or one size per file (length must equal count). */
  sizes?: number[];
  /** Same seed, same bytes. */
  seed: number | string;
  width?: number;
  height?: number;
  /** 'Canon EOS 5D' → EXIF Make 'Canon', Model 'Canon EOS 5D'. Default 'OpenScan Mini'. */
  camera?: string;
  /** File name prefix; default 'IMG_'. Names are `${prefix}0001.jpg`… */
  prefix?: string;
}

const CHUNK = 1024 * 1024;

/** Writes the set into `dir` (created if missing) and returns the file paths in order. */
export async function makePhotoSet(dir: string, opts: PhotoSetOptions): Promise<string[]> {
  const { count, seed } = opts;
  if (opts.sizes !== undefined && opts.sizes.length !== count) {
    throw new Error(`makePhotoSet: sizes has ${opts.sizes.length} entries for count ${count}`);
  }
  if (opts.sizes === undefined && opts.bytesEach === undefined)
    throw new Error('makePhotoSet: give bytesEach or sizes');
  await mkdir(dir, { recursive: true });
  const camera = opts.camera ?? 'OpenScan Mini';
  const make = camera.split(' ')[0] ?? camera;
  const key = createHash('sha256')
    .update(`scanbridge-photo-set:${String(seed)}`)
    .digest()
    .subarray(0, 16);
  const zeros = Buffer.alloc(CHUNK);
  const prefix = opts.prefix ?? 'IMG_';
  const paths: string[] = [];

  for (let i = 0; i < count; i++) {
    const size = opts.sizes?.[i] ?? opts.bytesEach ?? 0;
    const seconds = i % 60;
    const minutes = Math.floor(i / 60) % 60;
    const header = jpegHeader({
      width: opts.width ?? 4000,
      height: opts.height ?? 3000,
      make,
      model: camera,
      takenAt: `2024:05:01 ${String(10 + Math.floor(i / 3600)).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`,
    });
    if (size < header.length + 2)
      throw new Error(`makePhotoSet: ${size} bytes is smaller than a JPEG header (${header.length + 2})`);
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(i, 12);
    iv.writeUInt32BE(0x5ca9b1d6, 0);
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    const file = path.join(dir, `${prefix}${String(i + 1).padStart(4, '0')}.jpg`);
    const fh = await open(file, 'w');
    try {
      await fh.write(header);
      let left = size - header.length - 2;
      while (left > 0) {
        const n = Math.min(left, CHUNK);
        const chunk = cipher.update(n === CHUNK ? zeros : zeros.subarray(0, n));
        for (let at = chunk.indexOf(0xff); at !== -1; at = chunk.indexOf(0xff, at + 1)) chunk[at] = 0xfe;
        await fh.write(chunk);
        left -= n;
      }
      await fh.write(Buffer.from([0xff, 0xd9]));
    } finally {
      await fh.close();
    }
    paths.push(file);
  }
  return paths;
}
