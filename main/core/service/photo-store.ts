import type { SetPhoto } from '../photos/set.js';
/**
 * The photos of the last few reviewed sets, by review id (`scanId:index`): thumbnails, the check
 * and a job that leaves some photos out all look photos up here. Older scans are forgotten (the UI
 * scans again).
 */

const MAX_SCANS = 4;

export interface PhotoStore {
  add(scanId: string, photos: SetPhoto[]): void;
  get(photoId: string): SetPhoto | undefined;
  /** Every photo of a scan with its id, or undefined when the scan is forgotten. */
  list(scanId: string): { id: string; photo: SetPhoto }[] | undefined;
}

export function createPhotoStore(): PhotoStore {
  const scans = new Map<string, SetPhoto[]>();
  return {
    add(scanId, photos) {
      scans.set(scanId, photos);
      while (scans.size > MAX_SCANS) scans.delete(scans.keys().next().value as string);
    },
    get(photoId) {
      const [scanId, index] = photoId.split(':');
      return scanId ? scans.get(scanId)?.[Number(index)] : undefined;
    },
    list(scanId) {
      return scans.get(scanId)?.map((photo, i) => ({ id: `${scanId}:${i}`, photo }));
    },
  };
}
