/**
 * fuzz: the web bridge's HTTP surface with hostile input (issue 8, item 4). Random methods, bodies,
 * content types, paths and headers: the server never answers 500, never shows a stack, always
 * answers JSON for what it refuses, never serves a file outside its folder, and keeps serving.
 * Seeded by vitest.setup.ts; `npm run fuzz` raises FUZZ_RUNS.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../server-stub/cloud/index.js';
import { openRuntime, type Runtime } from '../core/runtime.js';
import { createServiceFromRuntime, type Service } from '../core/service/index.js';
import { startBridge, type Bridge } from './server.js';

const RUNS = Math.min(Number(process.env.FUZZ_RUNS) || 120, 3000); // each run is a real request
const OUTSIDE = 'outside-the-static-folder-3b7e';
// Methods that touch only the temp data folder and the stub. Left out: the ones that scan or list
// arbitrary paths, write diagnostics, pick files or change the endpoint (a random string could name
// a real folder or host).
const SAFE_METHODS = [
  'getTokenStatus',
  'setToken',
  'usePublicToken',
  'clearToken',
  'getCloudOverview',
  'listJobs',
  'pauseJob',
  'resumeJob',
  'cancelJob',
  'retryJob',
  'removeJob',
  'refreshProject',
  'resetProject',
  'downloadResult',
  'listResultModels',
  'readResultFile',
  'getSettings',
  'getLog',
  'getAppInfo',
];

let dir: string;
let stub: CloudStub;
let rt: Runtime;
let svc: Service;
let bridge: Bridge;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-bridge-fuzz-'));
  const staticDir = path.join(dir, 'renderer');
  await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(staticDir, 'index.html'), '<html><body>app</body></html>');
  await fs.writeFile(path.join(dir, 'secret.txt'), OUTSIDE);
  stub = await startCloudStub({ tokens: [{ token: 'fuzz-token-123456' }] });
  rt = await openRuntime({ dataDir: path.join(dir, 'data') });
  rt.settings.update({ endpoint: stub.url });
  svc = createServiceFromRuntime(rt, { mode: 'web', version: '1.0.0' });
  bridge = await startBridge({ service: svc, staticDir });
});

afterAll(async () => {
  await bridge?.close();
  svc?.close();
  await rt?.close();
  await stub?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  type: string;
  body: string;
}

/** Raw request: the path goes out exactly as generated (no URL normalisation on our side). */
function raw(p: string, method: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bridge.port, path: p, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What every answer must satisfy, whatever was sent. */
function expectCalm(r: Reply, what: string, head = false) {
  expect(r.status, what).not.toBe(500);
  expect(r.status, what).toBeGreaterThanOrEqual(200);
  expect(r.status, what).toBeLessThan(500);
  expect(r.body, what).not.toMatch(/\n\s+at \S+ \(|node:internal|\.ts:\d+:\d+/); // no stack trace
  expect(r.body, what).not.toContain(OUTSIDE);
  expect(r.body, what).not.toContain(bridge.secret);
  if (r.status >= 400) {
    expect(r.type, what).toMatch(/^application\/json/);
    if (!head) expect(() => JSON.parse(r.body), what).not.toThrow(); // HEAD answers carry no body
  }
}

// Characters Node's client sends unescaped (no space, no raw non-ASCII), plus the ones traversal and
// encoding tricks are made of.
// Printable path characters plus the ones traversal and encoding tricks are made of.
const pathChar = fc.constantFrom(
  ..."abcz09-_.~/\\%:@!$&'()*+,;=?#[]".split(''),
  '..',
  '%2e',
  '%2f',
  '%5c',
  '%00',
  '%',
  '%c0%ae',
  '%20',
  '%C3%A9',
);
const rawPath = fc.array(pathChar, { maxLength: 40 }).map((cs) => '/' + cs.join(''));

describe('fuzz: web bridge HTTP endpoints', () => {
  it('fuzz: random methods, bodies and content types into /api/* → typed JSON, never a 500', async () => {
    const methodName = fc.oneof(
      fc.constantFrom(...SAFE_METHODS),
      fc.stringMatching(/^[A-Za-z_$]{0,20}$/).filter((m) => !['createJob', 'scanPaths'].includes(m)),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'events', 'file/x'),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constant('{"__proto__":{"polluted":1}}'),
      fc.constant('[' + '['.repeat(5000)),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      '',
    );
    await fc.assert(
      fc.asyncProperty(methodName, body, contentType, async (m, b, ct) => {
        const headers: Record<string, string> = { 'x-scanbridge-secret': bridge.secret };
        if (ct) headers['content-type'] = ct;
        const r = await raw(`/api/${encodeURIComponent(m)}`, 'POST', headers, b);
        expectCalm(r, `${m} ${ct} ${b.slice(0, 80)}`);
        if (r.status === 200) {
          const env = JSON.parse(r.body) as { ok: unknown };
          expect(typeof env.ok).toBe('boolean');
        }
      }),
      { numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fuzz: random paths (traversal, encodings, junk) for static files and /api/file → confined, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawPath,
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
        fc.boolean(),
        async (p, method, api) => {
          const target = api ? `/api/file${p}` : p;
          const r = await raw(target, method, { 'x-scanbridge-secret': bridge.secret });
          expectCalm(r, `${method} ${target}`, method === 'HEAD');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('fuzz: random Host, Origin and secret headers → refused or answered, never a 500', async () => {
    const headerValue = fc.oneof(
      fc.string({ maxLength: 60 }).filter((s) => /^[\t\x20-\x7e]*$/.test(s)),
      fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'evil.example', 'null', 'http://127.0.0.1'),
      fc.nat(65535).map((n) => `127.0.0.1:${n}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.option(headerValue, { nil: undefined }),
        fc.option(headerValue, { nil: undefined }),
        fc.option(headerValue, { nil: undefined }),
        async (host, origin, secret) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (host !== undefined) headers.host = host;
          if (origin !== undefined) headers.origin = origin;
          if (secret !== undefined) headers['x-scanbridge-secret'] = secret;
          const r = await raw('/api/getAppInfo', 'POST', headers, '[]');
          expectCalm(r, JSON.stringify(headers));
          // Only the real secret gets through.
          if (r.status === 200) expect(secret).toBe(bridge.secret);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('still answers after the fuzzing', async () => {
    const r = await raw(
      '/api/getAppInfo',
      'POST',
      { 'content-type': 'application/json', 'x-scanbridge-secret': bridge.secret },
      '[]',
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'web' } });
  });
});
