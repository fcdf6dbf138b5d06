/**
 * A minimal streaming multipart/form-data parser for the stub (no parser package is installed):
 * file parts go straight to their sink with backpressure, text fields are collected. It keeps at
 * most one delimiter's worth of bytes between chunks, so a 64 MB request never sits in memory.
 */
export interface PartSink {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

export interface MultipartHandlers {
  onField(name: string, value: string): void;
  /** Returns where the file's bytes go. */
  onFile(field: string, filename: string): PartSink;
}

const MAX_HEADER = 16 * 1024;
const EMPTY = Buffer.alloc(0);

/** Length of the longest end of `buf` that is a beginning of `delim` (0 when none). */
function partialDelimiterTail(buf: Buffer, delim: Buffer): number {
  for (let k = Math.min(buf.length, delim.length - 1); k > 0; k--) {
    if (buf.compare(delim, 0, k, buf.length - k) === 0) return k;
  }
  return 0;
}
const MAX_FIELD = 1024 * 1024;

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2])?.trim() : undefined;
}

export async function parseMultipart(
  body: AsyncIterable<Buffer>,
  boundary: string,
  h: MultipartHandlers,
): Promise<void> {
  const delim = Buffer.from(`\r\n--${boundary}`);
  const headEnd = Buffer.from('\r\n\r\n');
  // A leading CRLF lets the very first boundary match the same delimiter as the others.
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after' | 'headers' | 'body' | 'end' = 'preamble';
  let sink: PartSink | undefined;
  let field: { name: string; chunks: Buffer[]; size: number } | undefined;

  const emit = async (data: Buffer): Promise<void> => {
    if (data.length === 0) return;
    if (sink) await sink.write(data);
    else if (field) {
      field.size += data.length;
      if (field.size > MAX_FIELD) throw new Error(`field ${field.name} is too large`);
      field.chunks.push(Buffer.from(data));
    }
  };
  const close = async (): Promise<void> => {
    if (sink) await sink.end();
    if (field) h.onField(field.name, Buffer.concat(field.chunks).toString('utf8'));
    sink = undefined;
    field = undefined;
  };

  for await (const chunk of body) {
    buf = buf.length > 0 ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (state === 'preamble') {
        const i = buf.indexOf(delim);
        if (i < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delim.length));
          break;
        }
        buf = buf.subarray(i + delim.length);
        state = 'after';
      } else if (state === 'after') {
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'end';
          break;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) break;
        buf = buf.subarray(eol + 2);
        state = 'headers';
      } else if (state === 'headers') {
        const i = buf.indexOf(headEnd);
        if (i < 0) {
          if (buf.length > MAX_HEADER) throw new Error('part headers too large');
          break;
        }
        const headers = buf.subarray(0, i).toString('utf8');
        buf = buf.subarray(i + headEnd.length);
        const disp = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
        const name = /\bname="([^"]*)"/i.exec(disp)?.[1] ?? '';
        const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
        if (filename !== undefined) sink = h.onFile(name, filename);
        else field = { name, chunks: [], size: 0 };
        state = 'body';
      } else if (state === 'body') {
        const i = buf.indexOf(delim);
        if (i < 0) {
          // Keep only a tail that could start a delimiter split across two chunks (usually none),
          // so the next chunk is searched as it is, without copying it onto a carry.
          const keep = partialDelimiterTail(buf, delim);
          await emit(buf.subarray(0, buf.length - keep));
          buf = keep > 0 ? Buffer.from(buf.subarray(buf.length - keep)) : EMPTY;
          break;
        }
        await emit(buf.subarray(0, i));
        await close();
        buf = buf.subarray(i + delim.length);
        state = 'after';
      } else break;
    }
  }
  if (state !== 'end') {
    await close().catch(() => undefined);
    throw new Error('the multipart body ended before its closing boundary');
  }
}
