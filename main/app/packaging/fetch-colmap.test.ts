import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChecksumError, fetchColmap } from './fetch-colmap.js';

let dir: string;
let server: http.Server;
let url: string;
let zipBytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-fetch-colmap-'));
  const z = new yazl.ZipFile();
  z.addBuffer(Buffer.from('colmap binary'), 'COLMAP-3.9.1/bin/colmap.exe');
  z.addBuffer(Buffer.from('@echo off'), 'COLMAP-3.9.1/COLMAP.bat');
  z.addBuffer(Buffer.from('BSD'), 'COLMAP-3.9.1/LICENSE.txt');
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  zipBytes = Buffer.concat(chunks);
  server = http.createServer((_req, res) =>
    res.writeHead(200, { 'Content-Length': zipBytes.length }).end(zipBytes),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/colmap.zip`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

async function manifest(sha256: string): Promise<string> {
  const file = path.join(dir, `manifest-${sha256.slice(0, 6) || 'none'}.json`);
  await writeFile(file, JSON.stringify({ win: { url, sha256, stripComponents: 1 } }));
  return file;
}

it('installs a build whose checksum matches, stripping its top folder and keeping the README', async () => {
  const dest = path.join(dir, 'win');
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  await writeFile(path.join(dest, 'README.md'), 'placeholder');
  const sha = createHash('sha256').update(zipBytes).digest('hex');
  await fetchColmap('win', { manifest: await manifest(sha), dest, cacheDir: path.join(dir, 'cache') });
  expect((await readdir(dest)).sort()).toEqual(['COLMAP.bat', 'LICENSE.txt', 'README.md', 'bin']);
  expect(await readFile(path.join(dest, 'bin', 'colmap.exe'), 'utf8')).toBe('colmap binary');
});

it('refuses a download that does not match, and an unpinned build, installing nothing', async () => {
  const dest = path.join(dir, 'win2');
  await expect(
    fetchColmap('win', { manifest: await manifest('0'.repeat(64)), dest, cacheDir: path.join(dir, 'cache') }),
  ).rejects.toBeInstanceOf(ChecksumError);
  await expect(
    fetchColmap('win', { manifest: await manifest(''), dest, cacheDir: path.join(dir, 'cache') }),
  ).rejects.toThrow(/No SHA-256 is pinned/);
  await expect(readdir(dest)).rejects.toMatchObject({ code: 'ENOENT' });
});
