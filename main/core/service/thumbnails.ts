/**
 * Thumbnails for the review grid. Runs in main (never on the UI thread) and prefers the JPEG
 * thumbnail cameras embed in EXIF (a few KB read from the file's head, no decoding); small photos
 * are sent as they are; anything else is scaled down with sharp (libvips, shrink-on-load, on the
 * libuv thread pool, so main's event loop stays free); a placeholder when all of that fails. Results
 * are cached (LRU) and work is bounded.
 */
import fs from 'node:fs/promises';
import exifr from 'exifr';
import pLimit from 'p-limit';

import type { Thumbnail } from '../../contract/index.js';
import type { SetPhoto } from '../photos/set.js';

/**
 * Photos this small (bytes AND pixels) are shown as they are. The pixel bound matters more: a
 * well-compressed 12-megapixel JPEG can be a few hundred KB, and decoding one per grid cell would
 * stall the page's scrolling (measured: ~250 ms frames with 4000×3000 images).
 */
const INLINE_MAX_BYTES = 600 * 1024;
const INLINE_MAX_PIXELS = 1024 * 1024;
const THUMB_EDGE = 256;

type SharpFn = (typeof import('sharp'))['default'];
let sharpLoad: Promise<SharpFn | undefined> | undefined;
/** Loaded on first use; a missing native binary (odd platform) falls back to placeholders. */
function loadSharp(): Promise<SharpFn | undefined> {
  sharpLoad ??= import('sharp').then(
    (m) => {
      m.default.cache(false);
      return m.default;
    },
    () => undefined,
  );
  return sharpLoad;
}

const PLACEHOLDER: Thumbnail = {
  url:
    'data:image/svg+xml;base64,' +
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3" fill="#8884"/>' +
        '<path d="M1 2.2l.7-.8.5.5.6-.8.9 1.1z" fill="#8888"/></svg>',
    ).toString('base64'),
  placeholder: true,
};

/** What a thumbnail needs of a photo of the set. */
type ThumbPhoto = Pick<SetPhoto, 'source' | 'format' | 'size' | 'width' | 'height'>;

export interface ThumbnailMaker {
  get(key: string, photo: ThumbPhoto): Promise<Thumbnail>;
  /**
   * Loads sharp in the background. Called when a review's scan starts: loading the native module
   * took from ~0.1 s to over a second on a busy machine, and was paid by the first thumbnails.
   */
  warm(): void;
  readonly cached: number;
}

export function createThumbnailMaker(
  opts: { maxCached?: number; concurrency?: number } = {},
): ThumbnailMaker {
  const maxCached = opts.maxCached ?? 3000;
  const limit = pLimit(opts.concurrency ?? 4);
  const cache = new Map<string, Thumbnail>();
  const inflight = new Map<string, Promise<Thumbnail>>();

  const remember = (key: string, t: Thumbnail) => {
    cache.set(key, t);
    if (cache.size > maxCached) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  };

  return {
    get cached() {
      return cache.size;
    },
    warm() {
      void loadSharp();
    },
    async get(key, photo) {
      const hit = cache.get(key);
      if (hit) {
        // Refresh its place in the LRU order.
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const running = inflight.get(key);
      if (running) return running;
      const p = limit(() => makeThumbnail(photo))
        .then((t) => {
          remember(key, t);
          return t;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
  };
}

/**
 * The bytes that can hold the EXIF thumbnail: APP1 is at most 64 KiB and comes first or after a
 * small APP0. Read here and handed to exifr as bytes, because exifr given a path leaves its file
 * handle open when the photo has no EXIF (exifr issue #111): a grid of such photos held one handle
 * per cell until garbage collection.
 */
const HEAD_BYTES = 128 * 1024;
async function readHead(file: string): Promise<Buffer> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function makeThumbnail(photo: ThumbPhoto): Promise<Thumbnail> {
  // Zip entries would need the archive opened per cell; the grid shows their name instead.
  if (photo.source.kind !== 'file') return PLACEHOLDER;
  const file = photo.source.path;
  const mime = photo.format === 'png' ? 'image/png' : 'image/jpeg';
  try {
    if (photo.format === 'jpeg') {
      const embedded = await exifr.thumbnail(await readHead(file)).catch(() => undefined);
      if (embedded && embedded.byteLength > 0) {
        return {
          url: `data:image/jpeg;base64,${Buffer.from(embedded).toString('base64')}`,
          placeholder: false,
        };
      }
    }
    const pixels = (photo.width ?? Infinity) * (photo.height ?? Infinity);
    if (photo.size <= INLINE_MAX_BYTES && pixels <= INLINE_MAX_PIXELS) {
      const bytes = await fs.readFile(file);
      return { url: `data:${mime};base64,${bytes.toString('base64')}`, placeholder: false };
    }
    const sharp = await loadSharp();
    if (sharp) {
      const out = await sharp(file, { failOn: 'error', sequentialRead: true })
        .rotate()
        .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 72 })
        .toBuffer();
      return { url: `data:image/jpeg;base64,${out.toString('base64')}`, placeholder: false };
    }
  } catch {
    // A photo that vanished or cannot be read still gets a cell; the scan already reported it.
  }
  return PLACEHOLDER;
}
