/**
 * Opens a photo's bytes as a stream, wherever they live: a file on disk, or an entry inside a zip
 * the user gave (read in place through its local header, never extracted). A file that changed
 * since the set was scanned is refused rather than sent half-new.
 */
import { close, createReadStream, fstat, open as openCb } from 'node:fs';
import { promisify } from 'node:util';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SourceChangedError } from '../errors.js';
import type { SetPhoto } from '../photos/set.js';
import { diskError } from '../disk-error.js';

const CHUNK = 1024 * 1024;
const openFd = promisify(openCb);
const fstatFd = promisify(fstat);
const closeFd = promisify(close);

export async function openPhotoStream(photo: SetPhoto): Promise<Readable> {
  const src = photo.source;
  if (src.kind === 'file') {
    // One open, then fstat on that descriptor: cheaper than stat + open, and it checks the very
    // file we are about to read (no window for a swap between the check and the read).
    // A plain numeric fd (not a FileHandle): its stream reads with callbacks, which is measurably
    // cheaper per chunk than FileHandle's promise reads.
    let fd: number;
    try {
      fd = await openFd(src.path, 'r');
    } catch (e) {
      throw new SourceChangedError(photo.displayPath, `it can no longer be read: ${(e as Error).message}`);
    }
    let changed: string | undefined;
    try {
      const st = await fstatFd(fd);
      if (st.size !== photo.size) changed = `size ${photo.size} → ${st.size} bytes`;
      else if (photo.mtimeMs && Math.abs(st.mtimeMs - photo.mtimeMs) > 1) changed = 'it was modified';
    } catch (e) {
      await closeFd(fd).catch(() => undefined);
      throw diskError(
        e,
        { file: photo.displayPath },
        `Reading ${photo.displayPath} failed: ${(e as Error).message}`,
      );
    }
    if (changed) {
      await closeFd(fd).catch(() => undefined);
      throw new SourceChangedError(photo.displayPath, changed);
    }
    return createReadStream(src.path, { fd, highWaterMark: CHUNK, autoClose: true });
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
    throw diskError(e, { file: display }, `Reading ${display} failed: ${(e as Error).message}`);
  } finally {
    await fh.close();
  }
}
