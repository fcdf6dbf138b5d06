/**
 * Builds one `multipart/form-data` request body of photos (field `images`) as a stream with an exact
 * Content-Length, so the photos go from disk to the socket without a copy in memory.
 */
import { Readable } from 'node:stream';
import { SourceChangedError } from '../errors.js';

import type { UploadBody } from './types.js';
import { openPhotoStream } from './photo-stream.js';
import type { SetPhoto } from '../photos/set.js';

export interface UploadItem {
  /** The file name the node stores (unique within the task). */
  name: string;
  photo: SetPhoto;
}

export function multipartPhotos(items: UploadItem[], onBytes?: (n: number) => void): UploadBody {
  const boundary = `----ScanBridgePhotos${Math.random().toString(16).slice(2)}`;
  const heads = items.map((it) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="${quote(it.name)}"\r\n` +
        `Content-Type: ${mimeOf(it.name)}\r\n\r\n`,
    ),
  );
  const crlf = Buffer.from('\r\n');
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const length = heads.reduce((n, h, i) => n + h.length + (items[i]?.photo.size ?? 0) + 2, tail.length);

  async function* generate(): AsyncGenerator<Buffer> {
    for (const [i, it] of items.entries()) {
      yield heads[i] as Buffer;
      let sent = 0;
      for await (const chunk of await openPhotoStream(it.photo)) {
        const buf = chunk as Buffer;
        sent += buf.length;
        if (sent > it.photo.size) break;
        onBytes?.(buf.length);
        yield buf;
      }
      // The declared Content-Length must hold: a file that grew or shrank is a changed source.
      if (sent !== it.photo.size) {
        throw new SourceChangedError(it.photo.displayPath, `expected ${it.photo.size} bytes, read ${sent}`);
      }
      yield crlf;
    }
    yield tail;
  }

  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
    stream: () => Readable.from(generate(), { objectMode: false }),
  };
}

/** Names the node stores: the file's own name when unique, else its path joined with "_". */
export function uploadNames(photos: SetPhoto[]): string[] {
  const base = (p: SetPhoto): string => p.relPath.split('/').pop() || p.relPath;
  const counts = new Map<string, number>();
  for (const p of photos) counts.set(base(p).toLowerCase(), (counts.get(base(p).toLowerCase()) ?? 0) + 1);
  const used = new Set<string>();
  return photos.map((p) => {
    let name = (counts.get(base(p).toLowerCase()) ?? 0) > 1 ? p.relPath.split('/').join('_') : base(p);
    // Characters no file system takes in a name, plus control characters (code points below 32).
    const clean = [...name].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
    name = clean;
    // Still clashing (e.g. "a_b/c.jpg" and "a/b_c.jpg"): number it, keeping the extension.
    for (let n = 2; used.has(name.toLowerCase()); n++) name = clean.replace(/(\.[^.]*)?$/, `-${n}$1`);
    used.add(name.toLowerCase());
    return name;
  });
}

function quote(name: string): string {
  return name.replace(/["\r\n]/g, '_');
}

function mimeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  if (ext === 'tif' || ext === 'tiff') return 'image/tiff';
  if (ext === 'txt') return 'text/plain';
  return 'application/octet-stream';
}
