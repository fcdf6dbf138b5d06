import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropboxContentHash, startCloudStub, type CloudStub } from './index.js';
import { api } from './test-helpers.js';

// A 1 MiB limit exercises the same code paths as the real 200,000,000 without moving 200 MB.
const MAX = 1024 * 1024;
const T = 'tok-limits-1';
let stub: CloudStub;

beforeEach(async () => {
  stub = await startCloudStub({ tokens: [{ token: T }], maxPartBytes: MAX });
});
afterEach(() => stub.close());

async function link(project: string): Promise<string> {
  const r = await api(stub.url, 'createProject', { token: T, project, photos: 1, parts: 1, filesize: 10 });
  return (r.json().ulink as string[])[0]!;
}

/** POST with chunked encoding (no Content-Length), or with `Expect: 100-continue`. */
function post(
  url: string,
  body: Buffer,
  mode: 'chunked' | 'expect',
): Promise<{ status: number | 'reset'; text: string; continued: boolean }> {
  return new Promise((resolve) => {
    let continued = false;
    const headers: Record<string, string> =
      mode === 'chunked'
        ? { 'Transfer-Encoding': 'chunked' }
        : { 'Content-Length': String(body.length), Expect: '100-continue' };
    const req = request(url, { method: 'POST', headers });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, continued }));
    });
    req.on('error', () => resolve({ status: 'reset', text: '', continued }));
    if (mode === 'chunked') {
      for (let o = 0; o < body.length; o += 64 * 1024) req.write(body.subarray(o, o + 64 * 1024));
      req.end();
    } else {
      req.flushHeaders();
    }
  });
}

describe('part size limit', () => {
  it('createProject counts parts against the limit', async () => {
    const r = await api(stub.url, 'createProject', {
      token: T,
      project: 'x',
      photos: 1,
      parts: 2,
      filesize: 2 * MAX + 1,
    });
    expect(r.status).toBe(400);
    expect(r.json().error).toMatch(/Too few parts/);
  });

  it('a chunked body is refused with 413 once the count passes the limit, and leaves no part', async () => {
    const url = await link('chunked');
    const r = await post(url, Buffer.alloc(2 * MAX, 1), 'chunked');
    // The server answers 413 and closes; depending on timing the client sees the reply or a reset.
    if (r.status !== 'reset') expect(r.status).toBe(413);
    await expect
      .poll(() => stub.state.requests.some((q) => q.endpoint === 'upload'), { timeout: 10_000 })
      .toBe(true);
    expect(stub.state.requests.find((q) => q.endpoint === 'upload')?.status).toBe(413);
    expect(stub.state.projects.get('chunked')!.received.size).toBe(0);
  });

  it('a chunked body within the limit is accepted', async () => {
    const url = await link('chunked-ok');
    const body = Buffer.alloc(MAX, 2);
    const r = await post(url, body, 'chunked');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)['content-hash']).toBe(dropboxContentHash(body));
  });

  it('Expect: 100-continue is answered only for an acceptable part', async () => {
    const ok = await post(await link('expect-ok'), Buffer.alloc(1000, 3), 'expect');
    expect(ok).toMatchObject({ status: 200, continued: true });
    const big = await post(await link('expect-big'), Buffer.alloc(MAX + 1, 3), 'expect');
    expect(big).toMatchObject({ status: 413, continued: false });
    const unknown = await post(`${stub.url}/upload/nope`, Buffer.alloc(10), 'expect');
    expect(unknown).toMatchObject({ status: 404, continued: false });
  });
});
