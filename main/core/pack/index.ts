export * from './types.js';
export { assignArchiveNames, safeName } from './archive-names.js';
export { packEntriesFromPhotos } from './entries.js';
export { planZip, choosePartSize, validatePartSize } from './plan.js';
export { MAX_PART_SIZE, MIN_PART_SIZE } from '../../contract/schemas.js';
export { CrcStore, type CrcSnapshot } from './crc-store.js';
export { BufferPool } from './buffer-pool.js';
export { openPartStream, partChunks, partLength, type PartContext } from './part-stream.js';
export { ContentHasher, ContentHashStream, contentHash, CONTENT_HASH_BLOCK } from './content-hash.js';
