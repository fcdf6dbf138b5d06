/**
 * Opens a photo's bytes as a stream, wherever they live: a file on disk, or an entry inside a zip
 * the user gave (read in place through its local header, never extracted). A file that changed
 * since the set was scanned is refused rather than sent half-new.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { DiskError, SourceChangedError } from '../errors.js';
import type { SetPhoto } from '../jobs/backend.js';

const CHUNK = 1024 * 1024;

export async function openPhotoStream(photo: SetPhoto): Promise<Readable> {
  const src = photo.source;
  if (src.kind === 'file') {
    let st;
    try {
      st = await stat(src.path);
    } catch (e) {
      throw new SourceChangedError(photo.displayPath, `it can no longer be read: ${(e as Error).message}`);
    }
    if (st.size !== photo.size)
      throw new SourceChangedError(photo.displayPath, `size ${photo.size} → ${st.size} bytes`);
    if (photo.mtimeMs && Math.abs(st.mtimeMs - photo.mtimeMs) > 1) {
      throw new SourceChangedError(photo.displayPath, 'it was modified');
    }
    return createReadStream(src.path, { highWaterMark: CHUNK });
  }
  const dataStart = await zipEntryDataOffset(src.zipPath, src.localHeaderOffset, photo.displayPath);
  const raw = createReadStream(src.zipPath, {
    start: dataStart,
    end: dataStart + src.compressedSize - 1,
    highWaterMark: CHUNK,
  });
  if (src.compression === 'store') return raw;
  const inflate = createInflateRaw();
  raw.on('error', (e) => inflate.destroy(e));
  return raw.pipe(inflate);
}

/** The local header's name and extra lengths may differ from the central directory's: read them. */
async function zipEntryDataOffset(zipPath: string, headerOffset: number, display: string): Promise<number> {
  let fh;
  try {
    fh = await open(zipPath, 'r');
  } catch (e) {
    throw new SourceChangedError(display, `its zip can no longer be read: ${(e as Error).message}`);
  }
  try {
    const head = Buffer.alloc(30);
    const { bytesRead } = await fh.read(head, 0, 30, headerOffset);
    if (bytesRead < 30 || head.readUInt32LE(0) !== 0x04034b50) {
      throw new SourceChangedError(display, 'its zip changed (no entry header where the scan found one)');
    }
    return headerOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  } catch (e) {
    if (e instanceof SourceChangedError) throw e;
    throw new DiskError(`Reading ${display} failed: ${(e as Error).message}`, e);
  } finally {
    await fh.close();
  }
}
