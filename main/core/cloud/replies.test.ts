/**
 * Reply shapes the stub does not produce on purpose — proxy HTML pages, empty bodies, cut JSON,
 * Flask's plain-text 400, redirects, replies that echo the token — served by a tiny raw HTTP server
 * whose handler each test scripts. It counts calls, so retries (and their absence) are asserted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  BadResponseError,
  InvalidTokenError,
  LimitExceededError,
  NetworkError,
  ProjectExistsError,
  ProjectNotFoundError,
  ScanBridgeError,
  ServerError,
  UnauthorizedError,
} from '../errors.js';
import { createCloudClient } from './client.js';
import type { CloudClientOptions } from './types.js';

type Reply = { status: number; body: string; type?: string; headers?: Record<string, string> } | 'cut';
interface Seen {
  path: string;
  query: URLSearchParams;
  auth: string | undefined;
}

const TOKEN = 'tok-SECRET-9f8e7d6c';
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** Serves the scripted replies in order (the last one repeats) and records every request. */
function rawServer(...replies: Reply[]): Promise<{ url: string; seen: Seen[] }> {
  return scriptedServer((_req, n) => replies[Math.min(n, replies.length - 1)] ?? { status: 500, body: '' });
}

/** Answers per endpoint (path without the slash); unlisted endpoints get a 500. */
function routedServer(routes: Record<string, Reply>): Promise<{ url: string; seen: Seen[] }> {
  return scriptedServer((req) => routes[req.path.slice(1)] ?? { status: 500, body: '' });
}

async function scriptedServer(pick: (req: Seen, n: number) => Reply): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const one = { path: u.pathname, query: u.searchParams, auth: req.headers.authorization };
    seen.push(one);
    const r = pick(one, seen.length - 1);
    if (r === 'cut') {
      // Headers promise a body that never comes: the connection dies mid-reply.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"credit":');
      setTimeout(() => res.socket?.destroy(), 10);
      return;
    }
    res.writeHead(r.status, { 'Content-Type': r.type ?? 'application/json', ...r.headers });
    res.end(r.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const lines: string[] = [];
const replies: string[] = [];
function client(url: string, o: CloudClientOptions = {}) {
  const c = createCloudClient({
    baseUrl: url,
    sleep: async () => {},
    log: (l) => lines.push(l),
    onReply: (e, s, b) => replies.push(`${e} ${s} ${b}`),
    ...o,
  });
  closers.push(() => c.close());
  return c;
}

async function failure(p: Promise<unknown>): Promise<ScanBridgeError> {
  const e = await p.then(
    () => new Error('expected a failure'),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ScanBridgeError);
  return e as ScanBridgeError;
}

const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
const FLASK_400 =
  '<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>The browser (or proxy) sent a request that this server could not understand.</p>\n';
const FLASK_400_TEXT = 'The browser (or proxy) sent a request that this server could not understand.';

describe('requests on the wire', () => {
  it('sends a GET with Basic auth openscan:free and the parameters in the query', async () => {
    const s = await rawServer({ status: 200, body: '{"credit":5,"limit_filesize":6,"limit_photos":7}' });
    const info = await client(s.url).getTokenInfo(`  ${TOKEN}\n`);
    expect(info).toEqual({ credit: 5, limit_filesize: 6, limit_photos: 7 });
    expect(s.seen[0]?.path).toBe('/getTokenInfo');
    expect(s.seen[0]?.query.get('token')).toBe(TOKEN);
    expect(s.seen[0]?.auth).toBe(`Basic ${Buffer.from('openscan:free').toString('base64')}`);
  });

  it('keeps a path prefix of the base URL and drops a trailing slash', async () => {
    const s = await rawServer({ status: 200, body: '{"status":"online"}' });
    const c = client(`${s.url}/api/`);
    expect(c.baseUrl).toBe(`${s.url}/api`);
    expect(await c.status()).toEqual({ online: true, raw: 'online' });
    expect(s.seen[0]?.path).toBe('/api/status');
  });

  it('refuses bad input before sending anything', async () => {
    const s = await rawServer({ status: 200, body: '{}' });
    const c = client(s.url);
    expect((await failure(c.getTokenInfo('   '))).code).toBe('INVALID_INPUT');
    expect(await failure(c.getTokenInfo('abc def'))).toBeInstanceOf(InvalidTokenError);
    expect(
      (await failure(c.createProject(TOKEN, { project: 'a/b', photos: 1, parts: 1, filesize: 1 }))).code,
    ).toBe('INVALID_INPUT');
    const tooFew = await failure(
      c.createProject(TOKEN, { project: 'p', photos: 3, parts: 1, filesize: 200_000_001 }),
    );
    expect(tooFew.code).toBe('INVALID_INPUT');
    expect(tooFew.hint).toMatch(/at least 2 parts/);
    expect(
      (await failure(c.createProject(TOKEN, { project: 'p', photos: 1.5, parts: 1, filesize: 9 }))).code,
    ).toBe('INVALID_INPUT');
    expect((await failure(c.requestToken('not-a-mail', 'A', 'B'))).code).toBe('INVALID_INPUT');
    expect(() => createCloudClient({ baseUrl: 'ftp://x' })).toThrow(/http/);
    expect(s.seen).toHaveLength(0);
  });
});

describe('error replies become typed errors', () => {
  it('a proxy HTML 502 page is a ServerError with the page title, not the HTML, and is retried', async () => {
    const s = await rawServer({ status: 502, body: HTML_502, type: 'text/html' });
    const e = await failure(client(s.url, { retries: 2 }).getTokenInfo(TOKEN));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.message).toContain('HTTP 502');
    expect(e.message).toContain('502 Bad Gateway');
    expect(e.message).not.toContain('<');
    expect(e.retryable).toBe(true);
    expect(s.seen).toHaveLength(3);
  });

  it('a 200 web page (captive portal) is a BadResponseError that names the likely cause', async () => {
    const s = await rawServer({
      status: 200,
      body: '<html><title>Hotel WiFi Login</title></html>',
      type: 'text/html',
    });
    const e = await failure(client(s.url, { retries: 0 }).status());
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toContain('Hotel WiFi Login');
    expect(e.hint).toMatch(/Wi-Fi login page or a proxy/);
  });

  it('an empty body and cut-off JSON are BadResponseErrors', async () => {
    const empty = await rawServer({ status: 200, body: '' });
    const e1 = await failure(client(empty.url, { retries: 0 }).getQueueEstimate());
    expect(e1).toBeInstanceOf(BadResponseError);
    expect(e1.message).toMatch(/empty reply to getQueueEstimate/);

    const cut = await rawServer({ status: 200, body: '{"credit": 12, "limit_' });
    const e2 = await failure(client(cut.url, { retries: 0 }).getTokenInfo(TOKEN));
    expect(e2).toBeInstanceOf(BadResponseError);
    expect(e2.message).toMatch(/not valid JSON/);
  });

  it('JSON of the wrong shape is a BadResponseError naming the field', async () => {
    const s = await rawServer({ status: 200, body: '{"credit":"lots","limit_filesize":1,"limit_photos":1}' });
    const e = await failure(client(s.url).getTokenInfo(TOKEN));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toMatch(/credit/);
    expect(s.seen).toHaveLength(1); // a wrong shape will not fix itself
  });

  it("Flask's plain-text 400 on getTokenInfo is an InvalidTokenError; elsewhere a BadRequestError that says the server gave no reason", async () => {
    const s = await rawServer({ status: 400, body: FLASK_400_TEXT, type: 'text/plain' });
    expect(await failure(client(s.url).getTokenInfo(TOKEN))).toBeInstanceOf(InvalidTokenError);
    const ok = await routedServer({
      createProject: { status: 400, body: FLASK_400_TEXT, type: 'text/plain' },
      getTokenInfo: { status: 200, body: '{"credit":1000,"limit_filesize":1000,"limit_photos":10}' },
      getProjectInfo: { status: 401, body: '{"error":"Project doesn\'t exist"}' },
    });
    const e = await failure(
      client(ok.url).createProject(TOKEN, { project: 'p', photos: 1, parts: 1, filesize: 10 }),
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.message).toMatch(/refused to create the project "p" without saying why/);
    expect(e.hint).toMatch(/unknown token, a project name already used/);
  });

  it("Werkzeug's HTML 400 page is the API's reasonless refusal; another 4xx page is a proxy's", async () => {
    const s = await routedServer({
      resetProject: { status: 400, body: FLASK_400, type: 'text/html; charset=utf-8' },
      getTokenInfo: { status: 200, body: '{"credit":1000,"limit_filesize":1000,"limit_photos":10}' },
    });
    const e = await failure(client(s.url).resetProject(TOKEN, 'p'));
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.message).toMatch(/refused the request for project "p" without saying why/);
    expect(e.message).not.toContain('<');

    const proxy = await rawServer({
      status: 403,
      body: '<html><title>Forbidden by policy</title></html>',
      type: 'text/html',
    });
    expect(await failure(client(proxy.url).status())).toBeInstanceOf(UnauthorizedError);
    const other = await rawServer({
      status: 418,
      body: '<html><title>Blocked</title></html>',
      type: 'text/html',
    });
    const e2 = await failure(client(other.url).status());
    expect(e2).toBeInstanceOf(BadResponseError);
    expect(e2.message).toMatch(/web page \(HTTP 418, Blocked\)/);
  });

  it('a JSON 400 is quoted in the BadRequestError', async () => {
    const s = await rawServer({ status: 400, body: '{"error":"Project name contains emoji"}' });
    const e = await failure(
      client(s.url).createProject(TOKEN, { project: 'p', photos: 1, parts: 1, filesize: 10 }),
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.message).toContain('"Project name contains emoji"');
  });

  it("401 Unauthorized access is an UnauthorizedError; 401 Project doesn't exist is ProjectNotFoundError", async () => {
    const s = await rawServer(
      { status: 401, body: '{"error":"Unauthorized access"}' },
      { status: 401, body: '{"error":"Project doesn\'t exist"}' },
    );
    const c = client(s.url);
    const e1 = await failure(c.getProjectInfo(TOKEN, 'p1'));
    expect(e1).toBeInstanceOf(UnauthorizedError);
    expect(e1.message).toContain('Unauthorized access');
    const e2 = await failure(c.getProjectInfo(TOKEN, 'p1'));
    expect(e2).toBeInstanceOf(ProjectNotFoundError);
    expect(e2.message).toContain('"p1"');
  });

  it('a redirect is reported with its target origin instead of being followed', async () => {
    const s = await rawServer({
      status: 302,
      body: '',
      headers: { Location: 'https://login.example.net/portal?x=1' },
    });
    const e = await failure(client(s.url).status());
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toContain('https://login.example.net');
    expect(s.seen).toHaveLength(1);
  });

  it('an unknown endpoint (404 page) says the address may not be the OpenScan Cloud', async () => {
    const s = await rawServer({ status: 404, body: '<h1>Not Found</h1>', type: 'text/html' });
    const e = await failure(client(s.url).status());
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.hint).toMatch(/points to the OpenScan Cloud API/);
  });

  it('getProjectInfo of {} is status "" (expired or removed project), dlink null is absent', async () => {
    const s = await rawServer(
      { status: 200, body: '{}' },
      { status: 200, body: '{"status":"processing started","ulink":[],"dlink":null}' },
    );
    const c = client(s.url);
    expect(await c.getProjectInfo(TOKEN, 'p')).toEqual({ status: '', ulink: [], raw: {} });
    const info = await c.getProjectInfo(TOKEN, 'p');
    expect(info.status).toBe('processing started');
    expect('dlink' in info).toBe(false);
  });

  it('createProject with fewer links than parts is a BadResponseError', async () => {
    const s = await rawServer({
      status: 200,
      body: '{"status":"created","ulink":["http://h/u/1"],"credit":1}',
    });
    const e = await failure(
      client(s.url).createProject(TOKEN, { project: 'p', photos: 2, parts: 2, filesize: 10 }),
    );
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toMatch(/1 upload link\(s\) for 2 part\(s\)/);
  });
});

describe('retries', () => {
  it('retries an idempotent call through a 5xx burst and a cut reply, then succeeds', async () => {
    const s = await rawServer(
      { status: 503, body: '<html><title>503 Service Unavailable</title></html>', type: 'text/html' },
      { status: 500, body: '' },
      'cut',
      { status: 200, body: '{"queue_length":3,"estimated_seconds":120}' },
    );
    const waits: number[] = [];
    const c = client(s.url, { retries: 3, sleep: async (ms) => void waits.push(ms), random: () => 0.999 });
    expect(await c.getQueueEstimate()).toEqual({ queue_length: 3, estimated_seconds: 120 });
    expect(s.seen).toHaveLength(4);
    // Full jitter under an exponential ceiling: 500, 1000, 2000 ms at most.
    expect(waits).toEqual([499, 999, 1998]);
    expect(lines.some((l) => /retry 1\/3 of getQueueEstimate/.test(l))).toBe(true);
  });

  it('gives up after the configured retries with the last error', async () => {
    const s = await rawServer({ status: 504, body: '' });
    const e = await failure(client(s.url, { retries: 2 }).getProjectInfo(TOKEN, 'p'));
    expect(e).toBeInstanceOf(ServerError);
    expect((e as ServerError).status).toBe(504);
    expect(s.seen).toHaveLength(3);
  });

  it('honours Retry-After up to the cap', async () => {
    const s = await rawServer(
      { status: 429, body: '', headers: { 'Retry-After': '3' } },
      { status: 200, body: '{"status":"online"}' },
    );
    const waits: number[] = [];
    await client(s.url, { sleep: async (ms) => void waits.push(ms), random: () => 0 }).status();
    expect(waits).toEqual([3000]);
  });

  it('never retries createProject, startProject or requestToken, and says how to check', async () => {
    const s = await rawServer({ status: 503, body: '' });
    const c = client(s.url, { retries: 3 });
    expect(
      await failure(c.createProject(TOKEN, { project: 'p', photos: 1, parts: 1, filesize: 10 })),
    ).toBeInstanceOf(ServerError);
    expect(await failure(c.startProject(TOKEN, 'p'))).toBeInstanceOf(ServerError);
    expect(await failure(c.requestToken('a@b.de', 'A', 'B'))).toBeInstanceOf(ServerError);
    expect(s.seen.map((x) => x.path)).toEqual(['/createProject', '/startProject', '/requestToken']);

    const cut = await rawServer('cut');
    const e = await failure(
      client(cut.url, { retries: 3 }).createProject(TOKEN, {
        project: 'p',
        photos: 1,
        parts: 1,
        filesize: 10,
      }),
    );
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/may or may not have been created/);
    expect(e.hint).toMatch(/getProjectInfo/);
    expect(cut.seen).toHaveLength(1);
  });

  it('does not retry a refusal (400/401)', async () => {
    const s = await rawServer({ status: 401, body: '{"error":"Unauthorized access"}' });
    await failure(client(s.url, { retries: 3 }).status());
    expect(s.seen).toHaveLength(1);
  });
});

describe('the token never leaks', () => {
  it('not in errors, hints, stacks, log lines or recorded replies, even when the server echoes it', async () => {
    const s = await rawServer(
      { status: 400, body: JSON.stringify({ error: `Token ${TOKEN} doesn't exist` }) },
      { status: 500, body: `<html><title>boom ${TOKEN}</title></html>`, type: 'text/html' },
      { status: 200, body: JSON.stringify({ credit: TOKEN, limit_filesize: 1, limit_photos: 1 }) },
      { status: 401, body: JSON.stringify({ error: `Project ${TOKEN} doesn't exist` }) },
    );
    lines.length = 0;
    replies.length = 0;
    const c = client(s.url, { retries: 0 });
    const errors = [
      await failure(c.getTokenInfo(TOKEN)),
      await failure(c.getTokenInfo(TOKEN)),
      await failure(c.getTokenInfo(TOKEN)),
      await failure(c.getProjectInfo(TOKEN, 'p')),
      await failure(c.createProject(TOKEN, { project: 'p', photos: 1, parts: 1, filesize: 1 })),
    ];
    const closed = await failure(client('http://127.0.0.1:1', { retries: 0 }).getTokenInfo(TOKEN));
    errors.push(closed);
    expect(errors[0]).toBeInstanceOf(InvalidTokenError);
    const everything = [
      ...errors.flatMap((e) => [e.message, e.hint ?? '', e.stack ?? '', JSON.stringify(e.toJSON())]),
      ...lines,
      ...replies,
    ].join('\n');
    expect(lines.length).toBeGreaterThan(4);
    expect(replies.length).toBeGreaterThan(4);
    expect(everything).toContain('token=***');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('SECRET');
  });
});

describe('reasonless refusals are explained by asking the read-only endpoints', () => {
  const INFO = { status: 200, body: '{"credit":1000,"limit_filesize":1000,"limit_photos":10}' };
  const SILENT: Reply = { status: 400, body: FLASK_400, type: 'text/html; charset=utf-8' };
  const create = { project: 'scan-1', photos: 5, parts: 1, filesize: 100 };

  it('createProject: a wrong token', async () => {
    const s = await routedServer({ createProject: SILENT, getTokenInfo: SILENT });
    expect(await failure(client(s.url).createProject(TOKEN, create))).toBeInstanceOf(InvalidTokenError);
    expect(s.seen.filter((x) => x.path === '/createProject')).toHaveLength(1);
  });

  it('createProject: over the limits, with the numbers', async () => {
    const s = await routedServer({ createProject: SILENT, getTokenInfo: INFO });
    const e = await failure(client(s.url).createProject(TOKEN, { ...create, photos: 12 }));
    expect(e).toBeInstanceOf(LimitExceededError);
    expect(e.message).toMatch(/12 photos is 2 over your limit of 10 photos/);
  });

  it('createProject: the name is already used', async () => {
    const s = await routedServer({
      createProject: SILENT,
      getTokenInfo: INFO,
      getProjectInfo: { status: 200, body: '{"status":"created","ulink":[],"dlink":null}' },
    });
    expect(await failure(client(s.url).createProject(TOKEN, create))).toBeInstanceOf(ProjectExistsError);
  });

  it('startProject: already started, or most likely a missing part, or gone', async () => {
    const started = await routedServer({
      startProject: SILENT,
      getTokenInfo: INFO,
      getProjectInfo: { status: 200, body: '{"status":"processing started","ulink":[],"dlink":null}' },
    });
    const e1 = await failure(client(started.url).startProject(TOKEN, 'scan-1'));
    expect(e1).toBeInstanceOf(BadRequestError);
    expect(e1.message).toMatch(/already started \(status: processing started\)/);

    const created = await routedServer({
      startProject: SILENT,
      getTokenInfo: INFO,
      getProjectInfo: { status: 200, body: '{"status":"created","ulink":["http://h/u/1"],"dlink":null}' },
    });
    const e2 = await failure(client(created.url).startProject(TOKEN, 'scan-1'));
    expect(e2.hint).toMatch(/a part is missing/);

    const gone = await routedServer({
      startProject: SILENT,
      getTokenInfo: INFO,
      getProjectInfo: { status: 401, body: '{"error":"Project doesn\'t exist"}' },
    });
    expect(await failure(client(gone.url).startProject(TOKEN, 'scan-1'))).toBeInstanceOf(
      ProjectNotFoundError,
    );
  });

  it('when the questions fail too, the original refusal stands', async () => {
    const s = await routedServer({ createProject: SILENT, getTokenInfo: { status: 503, body: '' } });
    const e = await failure(client(s.url, { retries: 0 }).createProject(TOKEN, create));
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.message).toMatch(/without saying why/);
  });
});
