/**
 * Parallel, resumable part upload. How a job drives it (cloud backend):
 *
 *   const entries = packEntriesFromPhotos(set.photos);            // journal these (sources, names, sizes, mtimes)
 *   const partSize = settings.partSize ?? choosePartSize(total, { concurrency });
 *   const plan = planZip(entries, { partSize });                   // pure: same entries + partSize → same bytes
 *   // createProject(..., parts = plan.parts.length, filesize = plan.totalSize) → urls
 *   const crcs = new CrcStore(journal.crcs);                      // restored CRCs: no re-read on resume
 *   await uploadParts({ plan, urls, crcs, skip: new Set(journal.confirmedParts),
 *     onPartDone: async (i, hash) => journal.save({ part: i, hash, crcs: crcs.snapshot() }),
 *     renewUrls: async () => (await getProjectInfo(...)).ulink, signal, controller, onProgress });
 *   // then startProject exactly once.
 */
export { uploadPart, type UploadPartArgs, type UploadPartResult } from './upload-part.js';
export { uploadParts, type UploadPartsArgs, type UploadPartsResult } from './upload-parts.js';
export { UploadController } from './controller.js';
export type { UploadProgress } from './progress.js';
