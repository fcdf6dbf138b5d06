/**
 * The only bytes the scanner reads from a photo: a head (EXIF, SOF/IHDR, magic bytes) and a tail
 * (EOI/IEND). A 2 GB set must scan in about a second, so nothing here ever reads a whole file;
 * anything that needs every byte (CRC32, content hash) rides along the upload stream instead.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Enough for EXIF (one APP1 segment is at most 64 KiB) and the SOF that follows it. */
export const HEAD_BYTES = 128 * 1024;
export const TAIL_BYTES = 64 * 1024;
/** Bytes of head and of tail that go into the sampled hash. */
export const SAMPLE_BYTES = 64 * 1024;

export interface HeadTail {
  head: Buffer;
  tail: Buffer;
  /** Bytes actually read from the file: never more than HEAD_BYTES + TAIL_BYTES. */
  bytesRead: number;
}

/**
 * Room for one head and one tail, reused from photo to photo. A fresh 192 KiB per photo is garbage
 * the GC frees late (external memory): scanning 1000 photos 16 at a time held ~30 MB of dead buffers
 * at the scan's peak, the largest part of `scanbridge upload`'s peak memory on big sets.
 */
const SCRATCH_BYTES = HEAD_BYTES + TAIL_BYTES;
const spare: Buffer[] = [];
const MAX_SPARE = 32;

export function takeScratch(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafeSlow(SCRATCH_BYTES);
}

/** Give back what takeScratch handed out, once nothing refers to its head or tail any more. */
export function giveScratch(b: Buffer): void {
  if (b.length === SCRATCH_BYTES && spare.length < MAX_SPARE && !spare.includes(b)) spare.push(b);
}

/**
 * Reads at most HEAD_BYTES from the start and TAIL_BYTES from the end of a file of `size` bytes.
 * With `scratch` (from takeScratch) the bytes land there; head and tail are views of it.
 */
export async function readHeadTail(fh: FileHandle, size: number, scratch?: Buffer): Promise<HeadTail> {
  const headLen = Math.min(size, HEAD_BYTES);
  // allocUnsafe: only the bytes actually read are ever looked at.
  const headBuf = scratch ? scratch.subarray(0, headLen) : Buffer.allocUnsafe(headLen);
  const { bytesRead: h } = headLen > 0 ? await fh.read(headBuf, 0, headLen, 0) : { bytesRead: 0 };
  const head = headBuf.subarray(0, h);
  if (size <= HEAD_BYTES) {
    // The head is the whole file (or what is left of it if it shrank).
    return { head, tail: head.subarray(Math.max(0, h - TAIL_BYTES)), bytesRead: h };
  }
  const tailBuf = scratch ? scratch.subarray(HEAD_BYTES, SCRATCH_BYTES) : Buffer.allocUnsafe(TAIL_BYTES);
  const { bytesRead: t } = await fh.read(tailBuf, 0, TAIL_BYTES, size - TAIL_BYTES);
  return { head, tail: tailBuf.subarray(0, t), bytesRead: h + t };
}

/**
 * sha256 over the size (8 bytes, big-endian), the first 64 KiB and the last 64 KiB, hex. Equal
 * samples mean "likely the same photo": good enough to warn, never to drop a file silently.
 */
export function sampleHash(size: number, head: Buffer, tail: Buffer): string {
  const sizeBytes = Buffer.alloc(8);
  sizeBytes.writeBigUInt64BE(BigInt(size));
  return createHash('sha256')
    .update(sizeBytes)
    .update(head.subarray(0, SAMPLE_BYTES))
    .update(tail.subarray(Math.max(0, tail.length - SAMPLE_BYTES)))
    .digest('hex');
}
