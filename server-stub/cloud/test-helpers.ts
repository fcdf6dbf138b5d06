/**
 * Helpers for the stub's own tests: raw HTTP (fetch / node:http, deliberately not the app's client),
 * a fake clock, and real zip files of real image headers built with yazl.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { checkerboardPng } from './result-zip.js';

export const AUTH = `Basic ${Buffer.from('openscan:free').toString('base64')}`;

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export async function api(
  base: string,
  endpoint: string,
  params: Record<string, string | number> = {},
  auth: string | null = AUTH,
): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await fetch(`${base}/${endpoint}${qs.size ? `?${qs}` : ''}`, {
    headers: auth ? { Authorization: auth } : {},
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

export async function upload(
  url: string,
  body: Buffer,
): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    // A copy typed as Uint8Array<ArrayBuffer>, which fetch's BodyInit accepts under every @types/node.
    body: new Uint8Array(body),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, text, json: isJson ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * A raw POST that declares `declaredLength` but may send fewer bytes (`body`), optionally cutting
 * the connection after sending. Resolves with the status, or 'reset' when the server hung up.
 */
export function rawPost(
  url: string,
  declaredLength: number,
  body: Buffer | (() => AsyncIterable<Buffer>),
  opts: { cutAfterSend?: boolean; cutWhen?: () => Promise<unknown> } = {},
): Promise<{ status: number | 'reset'; text: string }> {
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(declaredLength) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', () => resolve({ status: 'reset', text }));
    });
    req.on('error', () => resolve({ status: 'reset', text: '' }));
    const send = async () => {
      if (Buffer.isBuffer(body)) {
        req.write(body);
      } else {
        for await (const chunk of body()) {
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          if (req.destroyed) return;
        }
      }
      if (opts.cutWhen) {
        // Drop the link like flaky Wi-Fi once the server is provably mid-body (not before it saw us).
        await opts.cutWhen();
        req.destroy();
      } else if (opts.cutAfterSend) {
        setTimeout(() => req.destroy(), 50);
      } else if (!Buffer.isBuffer(body) || body.length >= declaredLength) {
        req.end();
      }
    };
    void send();
  });
}

export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'scanbridge-stub-test-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A minimal JPEG-looking file: SOI + APP0 marker + filler + EOI (the stub checks magic bytes). */
export function fakeJpeg(seed: number, size = 2048): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
}

/** Writes a STORE zip (like the app's packer) of the given entries and returns its bytes. */
export async function makeZip(
  dir: string,
  entries: { name: string; data: Buffer }[],
  compress = false,
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2025, 0, 1));
  for (const e of entries) {
    if (e.name.endsWith('/')) zip.addEmptyDirectory(e.name, { mtime });
    else zip.addBuffer(e.data, e.name, { compress, mtime });
  }
  zip.end();
  const path = join(dir, `set-${Math.random().toString(36).slice(2)}.zip`);
  await pipeline(zip.outputStream, createWriteStream(path));
  return readFile(path);
}

export async function imageZip(dir: string, photos = 4): Promise<Buffer> {
  const entries = [];
  for (let i = 0; i < photos; i++) {
    entries.push(
      i % 2 === 0
        ? { name: `IMG_${String(i).padStart(4, '0')}.jpg`, data: fakeJpeg(i) }
        : { name: `IMG_${String(i).padStart(4, '0')}.png`, data: checkerboardPng(16, 4) },
    );
  }
  return makeZip(dir, entries);
}

/** Splits a buffer into n nearly equal parts, as a client's part plan would. */
export function splitParts(data: Buffer, n: number): Buffer[] {
  const size = Math.ceil(data.length / n);
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) out.push(data.subarray(i * size, Math.min(data.length, (i + 1) * size)));
  return out;
}
