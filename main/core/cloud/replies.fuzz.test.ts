/**
 * fuzz: random API replies into every cloud client call (issue 8, item 4). Any status, content type
 * and body (random JSON, JSON of almost the right shape, HTML, plain text, bytes, nothing): each call
 * resolves with a value of the promised shape or rejects with one of our typed errors, and the token
 * never appears in an error. Seeded by vitest.setup.ts; `npm run fuzz` raises FUZZ_RUNS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanBridgeError } from '../errors.js';
import { createCloudClient } from './client.js';
import type { CloudClient } from './types.js';

const RUNS = Math.min(Number(process.env.FUZZ_RUNS) || 150, 5000);
const TOKEN = 'fuzz-tok-9c2d7e5a';
let reply: { status: number; type: string; body: Buffer } = {
  status: 200,
  type: 'application/json',
  body: Buffer.from('{}'),
};
let server: http.Server;
let client: CloudClient;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(reply.status, { 'Content-Type': reply.type, 'Content-Length': reply.body.length });
    res.end(reply.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  client = createCloudClient({
    baseUrl: `http://127.0.0.1:${port}`,
    retries: 0,
    responseTimeoutMs: 3000,
    sleep: async () => {},
  });
});

afterAll(async () => {
  client?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

// Values close to what the API sends, so the schemas are exercised past the first field.
const near = fc.oneof(
  fc.constantFrom(0, -1, 1e308, 1.5, '12', ' 7 ', '', 'NaN', null, true, [], {}, 'processing done', 'x'),
  fc.integer(),
  fc.string({ maxLength: 20 }),
);
const apiLike = fc.record(
  {
    credit: near,
    limit_filesize: near,
    limit_photos: near,
    ulink: fc.oneof(near, fc.array(fc.oneof(near, fc.webUrl()), { maxLength: 3 })),
    status: near,
    dlink: fc.oneof(near, fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd')),
    project: near,
    error: near,
    queue_length: near,
    estimated_time: near,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  apiLike.map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '',
    '<html><title>502 Bad Gateway</title></html>',
    '{"error":',
    'null',
    '[]',
    `{"error":"${TOKEN}"}`,
  ),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('latin1')),
);
const replyArb = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 502, 503),
    fc.integer({ min: 200, max: 599 }),
  ),
  type: fc.constantFrom(
    'application/json',
    'text/html; charset=utf-8',
    'text/plain',
    'application/octet-stream',
    '',
  ),
  body,
});

const calls: [string, (c: CloudClient) => Promise<unknown>, (v: unknown) => void][] = [
  [
    'getTokenInfo',
    (c) => c.getTokenInfo(TOKEN),
    (v) => expect(Number.isFinite((v as { credit: number }).credit)).toBe(true),
  ],
  [
    'createProject',
    (c) =>
      c.createProject(TOKEN, { project: 'fuzz-project-abcdefghij', photos: 3, parts: 2, filesize: 3000 }),
    (v) => expect((v as { ulink: unknown[] }).ulink.length).toBe(2),
  ],
  [
    'startProject',
    (c) => c.startProject(TOKEN, 'fuzz-project-abcdefghij'),
    (v) => expect(typeof (v as { status: string }).status).toBe('string'),
  ],
  [
    'getProjectInfo',
    (c) => c.getProjectInfo(TOKEN, 'fuzz-project-abcdefghij'),
    (v) => expect(v).toBeTypeOf('object'),
  ],
  ['resetProject', (c) => c.resetProject(TOKEN, 'fuzz-project-abcdefghij'), () => {}],
  ['getQueueEstimate', (c) => c.getQueueEstimate(TOKEN), (v) => expect(v).toBeTypeOf('object')],
  ['status', (c) => c.status(), (v) => expect(v).toBeTypeOf('object')],
];

describe('fuzz: cloud client replies', () => {
  it('fuzz: any reply to any call → a value of the promised shape or a typed error without the token', async () => {
    await fc.assert(
      fc.asyncProperty(replyArb, fc.nat(calls.length - 1), async (r, i) => {
        reply = { status: r.status, type: r.type, body: Buffer.from(r.body, 'latin1') };
        const [name, call, check] = calls[i]!;
        let outcome: unknown;
        try {
          outcome = { value: await call(client) };
        } catch (e) {
          outcome = { error: e };
        }
        const o = outcome as { value?: unknown; error?: unknown };
        if ('error' in o) {
          const e = o.error as Error;
          expect(e, `${name} ${r.status} ${r.body.slice(0, 60)}: ${e?.name}: ${e?.message}`).toBeInstanceOf(
            ScanBridgeError,
          );
          // status() sends no token, so a server echoing that string there is not ours to hide.
          if (name !== 'status')
            expect(`${e.message} ${(e as ScanBridgeError).hint ?? ''}`).not.toContain(TOKEN);
        } else {
          check(o.value);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
