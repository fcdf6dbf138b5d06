export { uploadPart, type UploadPartArgs, type UploadPartResult } from './upload-part.js';
export { uploadParts, type UploadPartsArgs, type UploadPartsResult } from './upload-parts.js';
export { UploadController } from './controller.js';
export type { UploadProgress } from './progress.js';
