/** The set side of the service: scan and review a set, browse folders, thumbnails. */
import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../errors.js';
import type { ScanBridgeHandlers, Thumbnail } from '../../contract/index.js';
import { listDirectory, resolveUserPath } from './directory.js';
import { toReview } from './review.js';
import { createThumbnailMaker } from './thumbnails.js';
import type { ServiceContext } from './context.js';
import { scanNotes, toPhotoSet, type SetPhoto } from '../photos/set.js';

export type SetHandlers = Pick<
  ScanBridgeHandlers,
  'scanPaths' | 'listDirectory' | 'pickPaths' | 'getThumbnail' | 'getThumbnails'
>;

export function createSetHandlers(ctx: ServiceContext): SetHandlers {
  const { deps, log, tokens } = ctx;
  const thumbs = createThumbnailMaker();
  const photoById = (photoId: string): SetPhoto | undefined => ctx.photos.get(photoId);

  return {
    scanPaths: async (paths) => {
      // The review's grid asks for thumbnails as soon as the scan is back.
      thumbs.warm();
      const resolved = paths.map((p) => resolveUserPath(p));
      for (const p of resolved) {
        await fs.stat(p).catch(() => {
          throw new InvalidInputError(`"${p}" does not exist.`, 'Check the path for typos.', {
            detail: 'missing',
            params: { path: p },
          });
        });
      }
      const [scan, info] = await Promise.all([deps.scan(resolved), tokens.infoOrUndefined()]);
      const scanId = randomUUID().slice(0, 8);
      ctx.photos.add(scanId, { paths: resolved, set: toPhotoSet(scan), notes: scanNotes(scan) });
      log.add('info', {
        code: 'scanned',
        params: { paths: resolved.join(', '), count: scan.photos.length, skipped: scan.skipped.length },
      });
      return toReview(scanId, resolved, scan, info);
    },
    listDirectory: (p) => listDirectory(p),
    pickPaths: async (kind) =>
      deps.platform?.pickPaths ? deps.platform.pickPaths(kind) : { unsupported: true },
    getThumbnail: async (photoId) => {
      const photo = photoById(photoId);
      if (!photo)
        throw new InvalidInputError('That photo is no longer in the review.', 'Scan the set again.', {
          detail: 'notInReview',
          params: {},
        });
      return thumbs.get(photoId, photo);
    },
    getThumbnails: async (ids) => {
      const out: Record<string, Thumbnail> = {};
      await Promise.all(
        ids.map(async (id) => {
          const photo = photoById(id);
          if (photo) out[id] = await thumbs.get(id, photo);
        }),
      );
      return out;
    },
  };
}
