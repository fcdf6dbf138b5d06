/**
 * Dropbox content hash, the one the upload endpoint replies with: SHA-256 of each 4 MiB block, then
 * SHA-256 of the concatenated binary digests, in hex. Incremental, so it rides along the upload stream
 * (no second read of the photos).
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const CONTENT_HASH_BLOCK = 4 * 1024 * 1024;

export class ContentHasher {
  private readonly outer: Hash = createHash('sha256');
  private block: Hash | null = null;
  private inBlock = 0;
  private finished = false;
  bytes = 0;

  update(chunk: Uint8Array): this {
    if (this.finished) throw new Error('ContentHasher.update after digest');
    let off = 0;
    while (off < chunk.length) {
      const take = Math.min(CONTENT_HASH_BLOCK - this.inBlock, chunk.length - off);
      this.block ??= createHash('sha256');
      this.block.update(off === 0 && take === chunk.length ? chunk : chunk.subarray(off, off + take));
      this.inBlock += take;
      off += take;
      if (this.inBlock === CONTENT_HASH_BLOCK) this.closeBlock();
    }
    this.bytes += chunk.length;
    return this;
  }

  private closeBlock(): void {
    if (this.block) this.outer.update(this.block.digest());
    this.block = null;
    this.inBlock = 0;
  }

  /** Hex digest. An empty input gives SHA-256 of the empty string (no blocks). */
  digest(): string {
    if (this.inBlock > 0) this.closeBlock();
    this.finished = true;
    return this.outer.digest('hex');
  }
}

export function contentHash(data: Uint8Array): string {
  return new ContentHasher().update(data).digest();
}

/** A pass-through stream that hashes what flows through; read `hash()` after it ends. */
export class ContentHashStream extends Transform {
  private readonly hasher = new ContentHasher();
  private result: string | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hasher.update(chunk);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    this.result = this.hasher.digest();
    cb();
  }

  hash(): string {
    if (this.result === null) throw new Error('ContentHashStream.hash() before the stream ended');
    return this.result;
  }
}
