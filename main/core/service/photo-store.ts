/**
 * The last few reviewed sets, by review id (`scanId`; a photo's id is `scanId:index`): thumbnails,
 * the check and a job look photos up here, and a job made from a review takes its set from here
 * instead of scanning the folders again. Older reviews are forgotten (the UI scans again).
 */
import type { PhotoSet, SetPhoto } from '../photos/set.js';
import type { ScanNote } from '../photos/set.js';

const MAX_SCANS = 4;

/** One review: the paths scanned, the set found, and what the scan left out (for the job's log). */
export interface ReviewedSet {
  paths: string[];
  set: PhotoSet;
  notes: ScanNote[];
}

export interface PhotoStore {
  add(scanId: string, reviewed: ReviewedSet): void;
  get(photoId: string): SetPhoto | undefined;
  /** The review, or undefined when it is forgotten. */
  review(scanId: string): ReviewedSet | undefined;
  /** Every photo of a review with its id, or undefined when the review is forgotten. */
  list(scanId: string): { id: string; photo: SetPhoto }[] | undefined;
}

export function createPhotoStore(): PhotoStore {
  const scans = new Map<string, ReviewedSet>();
  return {
    add(scanId, reviewed) {
      scans.set(scanId, reviewed);
      while (scans.size > MAX_SCANS) scans.delete(scans.keys().next().value as string);
    },
    get(photoId) {
      const [scanId, index] = photoId.split(':');
      return scanId ? scans.get(scanId)?.set.photos[Number(index)] : undefined;
    },
    review: (scanId) => scans.get(scanId),
    list(scanId) {
      return scans.get(scanId)?.set.photos.map((photo, i) => ({ id: `${scanId}:${i}`, photo }));
    },
  };
}
