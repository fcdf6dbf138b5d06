/**
 * Where the check reads a photo from: a file, or an entry of a zip the user gave. A zip entry is
 * read into memory one photo per worker (sharp and exifr take the bytes), so only the small copy
 * the check needs is ever written to its work folder, never the entry itself. Each zip is opened
 * once (its central directory read once) for all of its entries.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { openZipSource, type OpenedZip } from '../photos/zip-source.js';
import { readHeadTail, sampleHash, HEAD_BYTES, TAIL_BYTES } from '../photos/sample.js';

export type CheckSource = string | { zipPath: string; entryName: string };

export interface PhotoBytes {
  /** The file's path, or the entry's bytes. */
  input: string | Buffer;
  /** For the format test by extension (EXIF only from JPEG/TIFF). */
  name: string;
  size: number;
  /** The scanner's sampled hash (size + head + tail), for the duplicate test. */
  sample: string;
}

/** A zip entry larger than this is not read into memory: no camera writes a 200 MB photo. */
export const MAX_ENTRY_BYTES = 200 * 1024 * 1024;

export interface SourceReader {
  read(source: CheckSource): Promise<PhotoBytes>;
  close(): Promise<void>;
}

export function createSourceReader(): SourceReader {
  const zips = new Map<
    string,
    Promise<{ z: OpenedZip; byName: Map<string, OpenedZip['candidates'][number]> }>
  >();
  const openZip = (zipPath: string): ReturnType<typeof zips.get> & object => {
    let z = zips.get(zipPath);
    if (!z) {
      z = openZipSource(zipPath, path.basename(zipPath)).then((opened) => ({
        z: opened,
        byName: new Map(opened.candidates.map((c) => [c.entryName, c])),
      }));
      zips.set(zipPath, z);
    }
    return z;
  };
  return {
    async read(source) {
      if (typeof source === 'string') {
        const fh = await open(source, 'r');
        try {
          const { size } = await fh.stat();
          const { head, tail } = await readHeadTail(fh, size);
          return { input: source, name: source, size, sample: sampleHash(size, head, tail) };
        } finally {
          await fh.close();
        }
      }
      const { z, byName } = await openZip(source.zipPath);
      const c = byName.get(source.entryName);
      if (!c) throw new Error(`no entry "${source.entryName}" in ${path.basename(source.zipPath)}`);
      const size = c.entry.uncompressedSize;
      if (size > MAX_ENTRY_BYTES) throw new Error(`the entry is ${size} bytes, more than a photo`);
      const data = await readEntry(z, c.entry, size);
      const head = data.subarray(0, Math.min(size, HEAD_BYTES));
      const tail = data.subarray(Math.max(0, size - TAIL_BYTES));
      return { input: data, name: source.entryName, size, sample: sampleHash(size, head, tail) };
    },
    async close() {
      const all = await Promise.allSettled(zips.values());
      zips.clear();
      for (const r of all) if (r.status === 'fulfilled') await r.value.z.close();
    },
  };
}

function readEntry(
  z: OpenedZip,
  entry: OpenedZip['candidates'][number]['entry'],
  size: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    z.zip.openReadStream(entry, (err, stream: Readable | undefined) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      let n = 0;
      stream.on('data', (c: Buffer) => {
        n += c.length;
        // yauzl checks the declared size too (validateEntrySizes); this bounds memory regardless.
        if (n > size) stream.destroy(new Error('the entry is longer than its directory says'));
        else chunks.push(c);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
