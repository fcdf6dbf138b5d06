import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile } from './download.js';

const BODY = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) % 251));
let server: http.Server;
let base: string;
let dir: string;
const seen: { path: string; range?: string }[] = [];
let cutNext = 0;
let failNext = 0;
const hits = new Map<string, number>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-dl-'));
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', range: req.headers.range });
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    if (req.url === '/redirect') {
      res.writeHead(302, { Location: '/file' }).end();
      return;
    }
    if (req.url === '/loop-a') return void res.writeHead(302, { Location: '/loop-b' }).end();
    if (req.url === '/loop-b') return void res.writeHead(302, { Location: '/loop-a' }).end();
    if (req.url === '/to-file') return void res.writeHead(302, { Location: 'file:///etc/passwd' }).end();
    if (req.url === '/missing') return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no');
    if (req.url === '/endless') {
      // No Content-Length: only the cap can stop it.
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = (): void => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
      return;
    }
    if (req.url === '/huge') {
      res.writeHead(200, { 'Content-Length': String(50_000_000_000) });
      res.write(Buffer.alloc(1000));
      return;
    }
    if (failNext > 0) {
      failNext--;
      res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html>busy</html>');
      return;
    }
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    const from = m ? Number(m[1]) : 0;
    const slice = BODY.subarray(from);
    res.writeHead(m ? 206 : 200, { 'Content-Length': slice.length, 'Content-Type': 'application/zip' });
    if (cutNext > 0) {
      cutNext--;
      // Cut a moment after the bytes left, so the client has them on disk (a cut that races the
      // client's first write leaves an empty .part, which is rightly fetched from byte 0).
      res.write(slice.subarray(0, 100_000), () => setTimeout(() => res.destroy(), 150));
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const noWait = { sleep: async () => undefined };

describe('downloadFile', () => {
  it('follows redirects and writes the file whole, into a folder it creates', async () => {
    const dest = path.join(dir, 'new', 'a.zip');
    expect(await downloadFile(`${base}/redirect`, dest, noWait)).toBe(BODY.length);
    expect(sha(await readFile(dest))).toBe(sha(BODY));
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('resumes a cut download with a Range request instead of starting over', async () => {
    seen.length = 0;
    cutNext = 1;
    const dest = path.join(dir, 'b.zip');
    await downloadFile(`${base}/file`, dest, noWait);
    expect(sha(await readFile(dest))).toBe(sha(BODY));
    const ranged = seen.filter((s) => s.range);
    expect(ranged.length).toBe(1);
    expect(Number(/bytes=(\d+)-/.exec(ranged[0]!.range!)![1])).toBeGreaterThan(0);
  });

  it('waits out a burst of 5xx answers', async () => {
    failNext = 2;
    const dest = path.join(dir, 'c.zip');
    await downloadFile(`${base}/file`, dest, noWait);
    expect(sha(await readFile(dest))).toBe(sha(BODY));
  });

  it('says the disk is full (and does not retry it as a network error)', async () => {
    const dest = path.join(dir, 'full.zip');
    await symlink('/dev/full', `${dest}.part`); // every write to /dev/full fails with ENOSPC
    await expect(downloadFile(`${base}/file`, dest, noWait)).rejects.toMatchObject({
      code: 'DISK',
      message: expect.stringMatching(/disk is full/),
    });
  });

  it('refuses an address that is not http(s), at once and for good', async () => {
    await writeFile(path.join(dir, 'x'), '');
    await expect(downloadFile('file:///etc/passwd', path.join(dir, 'd.zip'), noWait)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      retryable: false,
    });
  });

  it.each([
    ['a redirect loop', '/loop-a', 'BAD_RESPONSE'],
    ['a redirect to file://', '/to-file', 'BAD_RESPONSE'],
    ['a 404', '/missing', 'NOT_FOUND'],
  ])('%s fails at once (one request per hop, no retry) and leaves nothing behind', async (_n, url, code) => {
    hits.clear();
    const dest = path.join(dir, `perm-${code}-${url.slice(1)}.zip`);
    await writeFile(`${dest}.part`, 'left from an earlier run');
    const started = Date.now();
    await expect(downloadFile(`${base}${url}`, dest, {})).rejects.toMatchObject({ code, retryable: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(Math.max(...hits.values())).toBe(1);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('stops a reply without Content-Length at the cap and keeps none of it', async () => {
    const dest = path.join(dir, 'endless.zip');
    await expect(
      downloadFile(`${base}/endless`, dest, { ...noWait, maxBytes: 3_000_000 }),
    ).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      retryable: false,
      message: expect.stringMatching(/download cap/),
    });
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses a declared size over the cap before writing a byte', async () => {
    const dest = path.join(dir, 'huge.zip');
    await expect(downloadFile(`${base}/huge`, dest, noWait)).rejects.toMatchObject({
      message: expect.stringMatching(/50000000000 bytes.*download cap of 20000000000/),
    });
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('a transient failure keeps the .part for the next try to continue', async () => {
    failNext = 100;
    const dest = path.join(dir, 'keep.zip');
    await writeFile(`${dest}.part`, BODY.subarray(0, 1000));
    await expect(
      downloadFile(`${base}/file`, dest, { ...noWait, retry: { retries: 2, baseMs: 1, maxMs: 2 } }),
    ).rejects.toMatchObject({ code: 'SERVER', retryable: true });
    failNext = 0;
    expect((await readFile(`${dest}.part`)).length).toBe(1000);
    await downloadFile(`${base}/file`, dest, noWait);
    expect(sha(await readFile(dest))).toBe(sha(BODY));
  });
});
