/** Sends one recorded request as-is over node:http (exact bodies, HEAD/OPTIONS, no client magic). */
import http from 'node:http';
import type { RecordedBody } from './recordings.js';

export interface WireReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A 16×16-JPEG-sized stand-in photo: JPEG magic, then filler. */
export function fakeJpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(b);
  b[size - 2] = 0xff;
  b[size - 1] = 0xd9;
  return b;
}

export function encodeBody(body: RecordedBody | null): { headers: Record<string, string>; data?: Buffer } {
  if (!body) return { headers: {} };
  if (body.encoding === 'multipart/form-data') {
    const boundary = `----replay${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(body.fields ?? {})) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`),
      );
    }
    for (const f of body.files ?? []) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        fakeJpeg(f.size),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      data: Buffer.concat(parts),
    };
  }
  if (body.encoding === 'application/x-www-form-urlencoded') {
    const data = new URLSearchParams(
      Object.entries(body.fields ?? {}).map(([k, v]) => [k, String(v)]),
    ).toString();
    return { headers: { 'content-type': body.encoding }, data: Buffer.from(data) };
  }
  if (body.encoding === 'application/json' && body.raw === undefined) {
    return { headers: { 'content-type': 'application/json' }, data: Buffer.from(JSON.stringify(body.json)) };
  }
  return { headers: { 'content-type': body.encoding }, data: Buffer.from(body.raw ?? '') };
}

export function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  data: Buffer | undefined,
  timeoutMs = 30_000,
): Promise<WireReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: { ...headers, ...(data ? { 'content-length': String(data.length) } : {}) },
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}
