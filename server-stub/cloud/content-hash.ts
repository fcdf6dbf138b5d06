/**
 * Dropbox content hash: SHA-256 of each 4 MiB block, then SHA-256 of the concatenated binary block
 * digests, as hex. Computed incrementally so an upload is hashed while it streams to disk.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const CONTENT_HASH_BLOCK = 4 * 1024 * 1024;

export interface ContentHasher {
  update(chunk: Buffer): void;
  digest(): string;
}

export function createContentHasher(): ContentHasher {
  const outer = createHash('sha256');
  let block: Hash | null = null;
  let inBlock = 0;
  return {
    update(chunk: Buffer) {
      let off = 0;
      while (off < chunk.length) {
        block ??= createHash('sha256');
        const take = Math.min(CONTENT_HASH_BLOCK - inBlock, chunk.length - off);
        block.update(chunk.subarray(off, off + take));
        inBlock += take;
        off += take;
        if (inBlock === CONTENT_HASH_BLOCK) {
          outer.update(block.digest());
          block = null;
          inBlock = 0;
        }
      }
    },
    digest() {
      // A trailing partial block counts; an empty body hashes the empty string of digests.
      if (block) outer.update(block.digest());
      block = null;
      return outer.digest('hex');
    },
  };
}

export async function dropboxContentHashOfFile(path: string): Promise<string> {
  const hasher = createContentHasher();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hasher.update(chunk as Buffer);
  }
  return hasher.digest();
}

export function dropboxContentHash(data: Buffer): string {
  const hasher = createContentHasher();
  hasher.update(data);
  return hasher.digest();
}
