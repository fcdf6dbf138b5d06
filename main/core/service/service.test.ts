import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { CheckDoneSchema, dispatch } from '../../contract/index.js';
import { createServiceFromRuntime } from './from-runtime.js';
import type { Service } from './service.js';

const TOKEN = 'private-token-1234567890';
let dir: string;
let stub: CloudStub;
let rt: Runtime;
let svc: Service;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-service-'));
  stub = await startCloudStub({
    tokens: [
      { token: TOKEN },
      { token: 'tiny-token-000000', limit_photos: 5, limit_filesize: 100_000, credit: 1e9 },
    ],
  });
  rt = await openRuntime({ dataDir: path.join(dir, 'data') });
  rt.settings.update({ endpoint: stub.url });
  svc = createServiceFromRuntime(rt, { mode: 'web', version: '9.9.9', publicToken: 'public' });
});

afterEach(async () => {
  svc.close();
  await rt.close();
  await stub.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('token', () => {
  it('refuses a wrong token without saving it, then saves a pasted one with blanks', async () => {
    const events: unknown[] = [];
    svc.subscribe((e, p) => events.push([e, p]));
    await expect(svc.setToken('wrong-token-abcdef')).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await rt.secrets.get()).toBeUndefined();
    expect(await svc.getTokenStatus()).toEqual({ hasToken: false, kind: 'none' });

    const s = await svc.setToken(`  ${TOKEN}\r\n`);
    expect(s).toMatchObject({ hasToken: true, kind: 'private', info: { limit_photos: 1000 } });
    expect(s.masked).not.toContain(TOKEN);
    expect(await rt.secrets.get()).toBe(TOKEN);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(await svc.getLog())).not.toContain(TOKEN);
  });

  it('a wrong token does not replace a working one; the public token is marked public', async () => {
    await svc.setToken(TOKEN);
    const env = await dispatch(svc, 'setToken', ['nope-nope-nope']);
    expect(env).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    expect(await rt.secrets.get()).toBe(TOKEN);
    expect(await svc.usePublicToken()).toMatchObject({ kind: 'public', hasToken: true });
    expect(await svc.clearToken()).toEqual({ hasToken: false, kind: 'none' });
    expect(await rt.secrets.get()).toBeUndefined();
  });
});

describe('cloud overview', () => {
  it('reports online with the queue, then offline with a reason when the cloud is gone', async () => {
    await svc.setToken(TOKEN);
    stub.setQueue(3, 120);
    const up = await svc.getCloudOverview();
    expect(up).toMatchObject({ online: true, queueLength: 3, estimatedSeconds: 120, credit: 50_000_000_000 });
    await stub.close();
    rt.settings.update({ endpoint: 'http://127.0.0.1:9' });
    const down = await svc.getCloudOverview();
    expect(down.online).toBe(false);
    expect(down.statusText.length).toBeGreaterThan(5);
  });

  it('asks a cloud that does not answer only its status, not its queue and credit too', async () => {
    await svc.setToken(TOKEN);
    // A proxy's 503 page for everything: retryable, so each call would retry its full course.
    const paths: string[] = [];
    const down = http.createServer((req, res) => {
      paths.push(new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html>503 Service Unavailable</html>');
    });
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    try {
      rt.settings.update({ endpoint: `http://127.0.0.1:${(down.address() as AddressInfo).port}` });
      const o = await svc.getCloudOverview();
      expect(o.online).toBe(false);
      expect(paths.length).toBeGreaterThan(0);
      expect(new Set(paths)).toEqual(new Set(['/status']));
    } finally {
      await new Promise((r) => down.close(r));
    }
  });

  it('says a cloud that takes the connection and never answers is offline within seconds', async () => {
    await svc.setToken(TOKEN);
    const held: http.ServerResponse[] = [];
    const silent = http.createServer((_req, res) => void held.push(res));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      rt.settings.update({ endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
      const o = await svc.getCloudOverview();
      expect(o.online).toBe(false);
      expect(o.statusText).toMatch(/did not answer within 5 s/);
      expect(held.length).toBeGreaterThan(0);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  }, 20_000);
});

describe('pre-flight check', () => {
  it('a check that cannot finish says why by code and specifics (the UI says it in its language)', async () => {
    const set = path.join(dir, 'Vase');
    await makePhotoSet(set, { count: 4, bytesEach: 20_000, seed: 2 });
    const review = await svc.scanPaths([set]);
    // Its work folder cannot be made: a file stands where the folder should be.
    await fs.writeFile(path.join(dir, 'data', 'check'), 'not a folder');
    const done = new Promise<unknown>((resolve) =>
      svc.subscribe((e, p) => {
        if (e === 'check:done') resolve(p);
      }),
    );
    await svc.startCheck({ photoIds: review.photos.map((p) => p.id) });
    const outcome = CheckDoneSchema.parse(await done);
    expect(outcome.report).toBeUndefined();
    expect(outcome.error).toMatchObject({
      code: 'DISK',
      detail: 'failed',
      params: { folder: path.join(dir, 'data'), errno: 'EEXIST' },
    });
  });
});

describe('sets', () => {
  it('reviews a folder against the token limits and makes thumbnails', async () => {
    const set = path.join(dir, 'Owl figurine');
    await makePhotoSet(set, { count: 8, bytesEach: 20_000, seed: 1 });
    await fs.writeFile(path.join(set, 'notes.txt'), 'hello');
    await svc.setToken('tiny-token-000000');
    const r = await svc.scanPaths([set]);
    expect(r.photoCount).toBe(8);
    expect(r.photos[0]).toMatchObject({ size: 20_000, format: 'jpeg' });
    expect(r.skipped.some((s) => s.displayPath.includes('notes.txt'))).toBe(true);
    expect(r.suggestedName).toBe('owl-figurine');
    expect(r.limits).toMatchObject({ checked: true, ok: false });
    expect(r.limits.items.find((i) => i.what === 'photos')).toMatchObject({
      over: true,
      limit: 5,
      actual: 8,
    });
    // Generated photos are headers + noise: no decoder can make a preview, so a placeholder comes back.
    const thumb = await svc.getThumbnail(r.photos[0]!.id);
    expect(thumb).toMatchObject({ placeholder: true });
    expect(thumb.url.startsWith('data:image/svg+xml')).toBe(true);
    await expect(svc.getThumbnail('gone:0')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const many = await svc.getThumbnails([r.photos[0]!.id, r.photos[1]!.id, 'gone:0']);
    expect(Object.keys(many).sort()).toEqual([r.photos[0]!.id, r.photos[1]!.id].sort());
  });

  it('scales a real photo down to a small JPEG thumbnail', async () => {
    const { default: sharp } = await import('sharp');
    const set = path.join(dir, 'real');
    await fs.mkdir(set);
    const noise = Buffer.alloc(2400 * 1600 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    await sharp(noise, { raw: { width: 2400, height: 1600, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(path.join(set, 'big.jpg'));
    const r = await svc.scanPaths([set]);
    expect(r.photos[0]).toMatchObject({ width: 2400, height: 1600 });
    const thumb = await svc.getThumbnail(r.photos[0]!.id);
    expect(thumb.placeholder).toBe(false);
    const meta = await sharp(Buffer.from(thumb.url.split(',')[1]!, 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 256, 171]);
    // Cached: the same object comes back without decoding again.
    expect(await svc.getThumbnail(r.photos[0]!.id)).toBe(thumb);
  });

  it('says which path does not exist', async () => {
    await expect(svc.scanPaths([path.join(dir, 'nope')])).rejects.toThrow(/does not exist/);
    await expect(svc.scanPaths(['relative/path'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('lists a folder: dirs, zips and photos, hidden files left out', async () => {
    const d = path.join(dir, 'browse');
    await fs.mkdir(path.join(d, 'sub'), { recursive: true });
    await fs.writeFile(path.join(d, 'b.zip'), '');
    await fs.writeFile(path.join(d, 'a.JPG'), '');
    await fs.writeFile(path.join(d, '.hidden.jpg'), '');
    await fs.writeFile(path.join(d, 'readme.md'), '');
    const l = await svc.listDirectory(d);
    expect(l.entries.map((e) => [e.name, e.kind])).toEqual([
      ['sub', 'dir'],
      ['b.zip', 'zip'],
      ['a.JPG', 'image'],
    ]);
    expect(l.imageCount).toBe(1);
    expect(l.parent).toBe(dir);
    await expect(svc.listDirectory(path.join(d, 'a.JPG'))).rejects.toThrow(/not a folder/);
    expect((await svc.listDirectory()).path).toBe(os.homedir());
  });
});

describe('jobs, settings, diagnostics', () => {
  it('refuses a cloud job without a token and an unknown job id', async () => {
    await expect(svc.createJob({ paths: [dir], backend: 'cloud' })).rejects.toThrow(/token/i);
    await expect(svc.pauseJob('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await svc.listJobs()).toEqual([]);
  });

  it('validates and announces settings changes', async () => {
    const seen: unknown[] = [];
    svc.subscribe((e, p) => seen.push([e, p]));
    const next = await svc.updateSettings({ concurrency: 2 });
    expect(next.concurrency).toBe(2);
    expect(seen).toEqual([['settings:changed', next]]);
    const bad = await dispatch(svc, 'updateSettings', [{ concurrency: 99 }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const sneaky = await dispatch(svc, 'updateSettings', [{ token: 'x' }]);
    expect(sneaky.ok).toBe(false);
    expect((await svc.getSettings()).concurrency).toBe(2);
  });

  it('saves a diagnostics zip with no token in it', async () => {
    await svc.setToken(TOKEN);
    await svc.getCloudOverview();
    svc.log('info', { code: 'status', params: { status: `oops a caller logged ${TOKEN}` } });
    const r = await svc.saveDiagnostics();
    expect(r.bytes).toBeGreaterThan(100);
    const texts = await readZipTexts(r.path);
    expect(Object.keys(texts).sort()).toEqual([
      'api-replies.txt',
      'jobs.json',
      'log.txt',
      'settings.json',
      'versions.json',
    ]);
    expect(texts['api-replies.txt']).toContain('getTokenInfo ok');
    expect(texts['log.txt']).toContain('oops a caller logged ***');
    for (const t of Object.values(texts)) expect(t).not.toContain(TOKEN);
    expect(JSON.parse(texts['versions.json']!)).toMatchObject({ scanbridge: '9.9.9', mode: 'web' });
  });
});

function readZipTexts(file: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: Record<string, string> = {};
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return reject(e2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}
