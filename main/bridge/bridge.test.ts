import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../server-stub/cloud/index.js';
import { openRuntime, type Runtime } from '../core/runtime.js';
import { createServiceFromRuntime, type Service } from '../core/service/index.js';
import { startBridge, type Bridge } from './server.js';
import { CSP, hostAllowed, originAllowed, secretMatches } from './security.js';
import { resolveStatic } from '../renderer-files/static-files.js';

let dir: string;
let staticDir: string;
let stub: CloudStub;
let rt: Runtime;
let svc: Service;
let bridge: Bridge;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-bridge-'));
  staticDir = path.join(dir, 'renderer');
  await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await fs.writeFile(
    path.join(staticDir, 'index.html'),
    '<html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  await fs.writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(path.join(dir, 'secret.txt'), 'outside');
  await fs.symlink(path.join(dir, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  stub = await startCloudStub({ tokens: [{ token: 'good-token-123456' }] });
  rt = await openRuntime({ dataDir: path.join(dir, 'data') });
  rt.settings.update({ endpoint: stub.url });
  svc = createServiceFromRuntime(rt, { mode: 'web', version: '1.0.0' });
  bridge = await startBridge({ service: svc, staticDir });
});

afterAll(async () => {
  await bridge.close();
  svc.close();
  await rt.close();
  await stub.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Raw http.request so the Host and Origin headers are exactly what a test says. */
function request(
  p: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: bridge.port, path: p, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, args: unknown[], headers: Record<string, string> = {}) =>
  request(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-scanbridge-secret': bridge.secret, ...headers },
    body: JSON.stringify(args),
  });

describe('security rules', () => {
  it('compares secrets by value only', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abd', 'abc')).toBe(false);
    expect(secretMatches('', 'abc')).toBe(false);
    expect(secretMatches(undefined, 'abc')).toBe(false);
    expect(hostAllowed('127.0.0.1:5', 5)).toBe(true);
    expect(hostAllowed('evil.example:5', 5)).toBe(false);
    expect(originAllowed(undefined, 5)).toBe(true);
    expect(originAllowed('http://localhost:5', 5)).toBe(true);
    expect(originAllowed('http://localhost:6', 5)).toBe(false);
    expect(originAllowed('null', 5)).toBe(false);
  });

  it('confines static files to their folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2E%2E%2F..%2Fsecret.txt',
      '/a\\..\\b',
      '/x%00',
    ]) {
      const r = await resolveStatic(staticDir, p);
      expect(r.ok, p).toBe(false);
    }
    expect(await resolveStatic(staticDir, '/assets/link.txt')).toMatchObject({ ok: false, status: 403 });
    expect(await resolveStatic(staticDir, '/')).toMatchObject({ ok: true });
  });
});

describe('bridge over HTTP', () => {
  it('binds to loopback and serves the built page with the CSP, confined, Host-checked', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.pageUrl).toBe(`${bridge.url}/?s=${bridge.secret}`);
    const page = await request(`/?s=${bridge.secret}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request('/assets/app.js')).body).toBe('console.log(1)');
    expect((await request('/%2e%2e/secret.txt')).status).toBe(403);
    expect((await request('/assets/link.txt')).status).toBe(403);
    expect((await request('/', { headers: { host: 'rebind.example:80' } })).status).toBe(421);
  });

  it('answers API calls with the secret header and refuses everything else', async () => {
    const ok = await api('getAppInfo', []);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { mode: 'web', version: '1.0.0' } });
    expect((await api('getAppInfo', [], { 'x-scanbridge-secret': 'wrong' })).status).toBe(403);
    const noSecret = await request('/api/getAppInfo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(noSecret.status).toBe(403);
    expect((await api('getAppInfo', [], { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('getAppInfo', [], { host: 'evil.example:80' })).status).toBe(421);
    expect((await api('getAppInfo', [], { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('getAppInfo', [], { origin: `http://localhost:${bridge.port}` })).status).toBe(200);
    expect((await api('noSuchMethod', [])).status).toBe(404);
    const form = await request('/api/getAppInfo', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-scanbridge-secret': bridge.secret },
      body: '[]',
    });
    expect(form.status).toBe(415);
    const bad = await api('setToken', [123]);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('returns typed errors without the token in them', async () => {
    const r = JSON.parse((await api('setToken', ['  wrong-token-zzzz  '])).body);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    expect(JSON.stringify(r)).not.toContain('wrong-token-zzzz');
  });

  it('answers the desktop-only calls (open with, reveal) with DESKTOP_ONLY', async () => {
    for (const [method, args] of [
      ['listViewerApps', []],
      ['openResultWith', [{ jobId: 'any', app: 'default' }]],
      ['revealResult', [{ jobId: 'any' }]],
    ] as const) {
      const r = JSON.parse((await api(method, [...args])).body);
      expect(r).toMatchObject({ ok: false, error: { code: 'DESKTOP_ONLY' } });
    }
  });

  it('streams events to a client with the secret', async () => {
    expect((await request('/api/events')).status).toBe(403);
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: bridge.port, path: `/api/events?s=${bridge.secret}` },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            if (buf.includes('event: settings:changed')) {
              req.destroy();
              resolve(buf);
            }
          });
          void api('updateSettings', [{ concurrency: 3 }]);
        },
      );
      req.on('error', reject);
    });
    const data = got.split('\n').find((l) => l.startsWith('data: '));
    expect(JSON.parse(data!.slice(6))).toMatchObject({ concurrency: 3 });
  });
});
