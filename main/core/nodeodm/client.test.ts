import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { createNodeOdmClient } from './client.js';
import { InvalidOptionsError, TaskNotFoundError } from './errors.js';
import { committedTask, FAST_RETRY } from './test-fixtures.js';

const TOKEN = 'tok-7f3a9c1e5b';
let stub: NodeOdmStub;

beforeAll(async () => {
  stub = await startNodeOdmStub({
    token: TOKEN,
    users: { ada: 'lovelace' },
    maxImages: 500,
    processingMs: 200,
  });
});
afterAll(() => stub.close());

const client = () => createNodeOdmClient({ url: stub.url, token: TOKEN, retry: FAST_RETRY });

describe('NodeODM client against the stub', () => {
  it('reads /info with version, queue, maxImages, cores and memory', async () => {
    const info = await client().info();
    expect(info.version).toBe('2.2.4');
    expect(info.maxImages).toBe(500);
    expect(info.taskQueueCount).toBe(0);
    expect(info.cpuCores).toBeGreaterThan(0);
    expect(info.totalMemory).toBeGreaterThan(0);
  });

  it('reads /options with name, type, domain and help', async () => {
    const opts = await client().options();
    const depth = opts.find((o) => o.name === 'mesh-octree-depth');
    expect(depth).toMatchObject({ type: 'int', domain: 'integer: 1 <= x <= 14', value: '11' });
    expect(opts.find((o) => o.name === 'feature-quality')?.domain).toContain('ultra');
  });

  it('sends ?token= on every call, POSTs included', async () => {
    const c = client();
    const uuid = await committedTask(c, 't');
    await c.cancelTask(uuid);
    await c.listTasks();
    expect(stub.state.log.filter((l) => l.startsWith('POST')).length).toBeGreaterThanOrEqual(3);
    // The stub answers a call without the right token with an error: every one of these passed.
    expect(await c.taskInfo(uuid)).toMatchObject({ uuid, status: { code: 50 } });
  });

  it('turns a wrong token (HTTP 200 + error) into InvalidTokenError without leaking the token', async () => {
    const wrong = 'tok-WRONG-123456';
    const c = createNodeOdmClient({ url: stub.url, token: wrong, retry: FAST_RETRY });
    const err = await c.info().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(String((err as Error).message)).toContain('refused this token');
    expect(JSON.stringify(err) + (err as Error).message).not.toContain(wrong);
  });

  it('says whether login is possible and trades a username and password for a token', async () => {
    const c = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const auth = await c.authInfo();
    expect(auth.loginUrl).toBe('/auth/login');
    expect(auth.registerUrl).toBeNull();
    expect(await c.login('ada', 'lovelace')).toBe(TOKEN);
    await expect(c.login('ada', 'wrong')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('runs a task through init, upload, commit, info, output, restart, list and remove', async () => {
    const c = client();
    const uuid = await committedTask(c, 'walkthrough', [{ name: 'mesh-size', value: 1000 }]);
    expect(await c.listTasks()).toContain(uuid);
    while ((await c.taskInfo(uuid)).status.code < 30) await new Promise((r) => setTimeout(r, 10));
    const info = await c.taskInfo(uuid);
    expect(info).toMatchObject({ name: 'walkthrough', status: { code: 40 }, progress: 100 });
    const all = await c.taskOutput(uuid, 0);
    expect(all.length).toBeGreaterThan(3);
    expect(await c.taskOutput(uuid, 3)).toEqual(all.slice(3));
    await c.restartTask(uuid);
    expect([10, 20]).toContain((await c.taskInfo(uuid)).status.code);
    await c.removeTask(uuid);
    expect(await c.listTasks()).not.toContain(uuid);
    await expect(c.taskInfo(uuid)).rejects.toBeInstanceOf(TaskNotFoundError);
  });

  it('parses an options error (a JSON string inside "error") into each problem', async () => {
    const err = await client()
      .initTask('bad', [
        { name: 'mesh-octree-depth', value: 99 },
        { name: 'feature-quality', value: 'extreme' },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidOptionsError);
    const problems = (err as InvalidOptionsError).problems;
    // The node lists problems in its own option order.
    expect(problems.map((p) => p.name)).toEqual(['feature-quality', 'mesh-octree-depth']);
    expect((err as Error).message).toContain('mesh-octree-depth');
  });

  it('reports a task the node does not know as TaskNotFoundError', async () => {
    await expect(client().taskInfo('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no longer knows task'),
    });
  });
});

describe('a URL that is not a NodeODM', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith('/info')) {
        res.writeHead(200, { 'content-type': req.url.includes('json') ? 'application/json' : 'text/html' });
        res.end('<!doctype html><html><body>Router login</body></html>');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"hello":"world"}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('says so when /info returns a web page', async () => {
    const err = await createNodeOdmClient({ url, retry: FAST_RETRY })
      .info()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE' });
    expect((err as Error).message).toMatch(/does not look like a NodeODM.*web page/);
  });

  it('says so when /info is JSON without a version', async () => {
    const err = await createNodeOdmClient({ url: `${url}/x`, retry: FAST_RETRY })
      .info()
      .catch((e: unknown) => e);
    expect((err as Error).message).toContain('/info has no "version"');
  });

  it('gives a retryable NetworkError naming the address when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await createNodeOdmClient({
      url: `http://127.0.0.1:${port}`,
      token: TOKEN,
      retry: { ...FAST_RETRY, retries: 1 },
    })
      .info()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK', retryable: true });
    expect((err as Error).message).toContain(`127.0.0.1:${port} is not accepting connections`);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('refuses something that is not an http(s) URL', () => {
    expect(() => createNodeOdmClient({ url: 'ftp://example.com' })).toThrow(/not an http/);
    expect(() => createNodeOdmClient({ url: 'not a url?token=abcdef' })).toThrow(/not a URL/);
  });
});
