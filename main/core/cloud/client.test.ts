/**
 * The client against the faithful server-stub over real HTTP: every endpoint's happy path, the
 * stub's refusals as typed errors, a whole project from create to a downloadable result, and
 * retries (or their absence) counted on the server's own request log.
 */
import AdmZip from 'adm-zip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import {
  BadRequestError,
  InvalidTokenError,
  LimitExceededError,
  NetworkError,
  ProjectExistsError,
  ProjectNotFoundError,
  ScanBridgeError,
  ServerError,
  UnauthorizedError,
} from '../errors.js';
import { parseMissingParts } from './classify.js';
import { createCloudClient } from './client.js';
import { unwrapDownloadLink } from './download-link.js';
import type { CloudClient, CloudClientOptions } from './types.js';

const TOKEN = 'private-0123456789abcdef';
let clock = 1_800_000_000_000;
let stub: CloudStub;
let cloud: CloudClient;
const logLines: string[] = [];

function makeClient(o: CloudClientOptions = {}): CloudClient {
  const c = createCloudClient({
    baseUrl: stub.url,
    sleep: async () => {},
    log: (l) => logLines.push(l),
    ...o,
  });
  clients.push(c);
  return c;
}
const clients: CloudClient[] = [];

beforeEach(async () => {
  stub = await startCloudStub({
    tokens: [{ token: TOKEN }, { token: 'poor-token-000', credit: 1000 }],
    now: () => clock,
    schedule: { startedAfterMs: 1000, doneAfterMs: 5000 },
  });
  cloud = makeClient();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await stub.close();
});

async function failure(p: Promise<unknown>): Promise<ScanBridgeError> {
  const e = await p.then(
    () => new Error('expected a failure'),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ScanBridgeError);
  return e as ScanBridgeError;
}

function count(endpoint: string): number {
  return stub.state.requests.filter((r) => r.endpoint === endpoint).length;
}

/** A zip of three tiny "JPEGs" (the stub checks the magic bytes), cut into `parts` pieces. */
function photoZipParts(parts: number): Buffer[] {
  const zip = new AdmZip();
  for (let i = 0; i < 3; i++)
    zip.addFile(
      `IMG_${i}.jpg`,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, i)]),
    );
  const whole = zip.toBuffer();
  const size = Math.ceil(whole.length / parts);
  return Array.from({ length: parts }, (_, i) => whole.subarray(i * size, (i + 1) * size));
}

async function upload(link: string, body: Buffer): Promise<void> {
  const res = await fetch(link, {
    method: 'POST',
    body: Uint8Array.from(body),
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  expect(res.status).toBe(200);
}

describe('every endpoint against the stub', () => {
  it('status: online, then maintenance is online:false with the raw word', async () => {
    expect(await cloud.status()).toEqual({ online: true, raw: 'online' });
    stub.setStatus('maintenance');
    expect(await cloud.status()).toEqual({ online: false, raw: 'maintenance' });
  });

  it('getTokenInfo returns credit and limits; an unknown token is an InvalidTokenError', async () => {
    expect(await cloud.getTokenInfo(TOKEN)).toEqual({
      credit: 50_000_000_000,
      limit_filesize: 2_000_000_000,
      limit_photos: 1000,
    });
    const e = await failure(cloud.getTokenInfo('private-0123456789abcdeX'));
    expect(e).toBeInstanceOf(InvalidTokenError);
    expect(e.hint).toMatch(/typos/);
    expect(count('getTokenInfo')).toBe(2); // a refusal is not retried
  });

  it('requestToken mails a new token that then works', async () => {
    await cloud.requestToken('ada@example.org', 'Ada', 'Lovelace');
    const mail = stub.state.sentMails.at(-1);
    expect(mail?.to).toBe('ada@example.org');
    expect((await cloud.getTokenInfo(mail?.token ?? '')).limit_photos).toBe(1000);
  });

  it('createProject returns one link per part and deducts the credit', async () => {
    const created = await cloud.createProject(TOKEN, {
      project: 'scan-a1',
      photos: 120,
      parts: 3,
      filesize: 450_000_000,
    });
    expect(created.status).toBe('created');
    expect(created.ulink).toHaveLength(3);
    expect(new Set(created.ulink).size).toBe(3);
    expect(created.credit).toBe(50_000_000_000 - 450_000_000);
    expect((await cloud.getTokenInfo(TOKEN)).credit).toBe(50_000_000_000 - 450_000_000);
  });

  it('a project name used twice is a ProjectExistsError', async () => {
    await cloud.createProject(TOKEN, { project: 'dup', photos: 1, parts: 1, filesize: 100 });
    const e = await failure(
      cloud.createProject(TOKEN, { project: 'dup', photos: 1, parts: 1, filesize: 100 }),
    );
    expect(e).toBeInstanceOf(ProjectExistsError);
    expect(e.message).toContain('"dup"');
  });

  it("over the photo and size limits: LimitExceededError saying exactly what is over, from the token's numbers", async () => {
    const photos = await failure(
      cloud.createProject(TOKEN, { project: 'big1', photos: 1200, parts: 1, filesize: 100 }),
    );
    expect(photos).toBeInstanceOf(LimitExceededError);
    expect(photos.code).toBe('LIMIT_EXCEEDED');
    expect((photos as LimitExceededError).details).toEqual([{ what: 'photos', limit: 1000, actual: 1200 }]);
    expect(photos.message).toMatch(/1,200 photos is 200 over your limit of 1,000 photos/);

    const size = await failure(
      cloud.createProject(TOKEN, { project: 'big2', photos: 10, parts: 11, filesize: 2_100_000_000 }),
    );
    expect((size as LimitExceededError).details).toEqual([
      { what: 'filesize', limit: 2_000_000_000, actual: 2_100_000_000 },
    ]);
  });

  it('not enough credit is INSUFFICIENT_CREDIT with the remaining credit', async () => {
    const e = await failure(
      cloud.createProject('poor-token-000', { project: 'c1', photos: 10, parts: 1, filesize: 5000 }),
    );
    expect(e).toBeInstanceOf(LimitExceededError);
    expect(e.code).toBe('INSUFFICIENT_CREDIT');
    expect((e as LimitExceededError).details).toEqual([{ what: 'credit', limit: 1000, actual: 5000 }]);
    expect(e.hint).toMatch(/credit/);
  });

  it('startProject with parts missing names them; unknown projects are ProjectNotFoundError everywhere', async () => {
    const created = await cloud.createProject(TOKEN, {
      project: 'half',
      photos: 3,
      parts: 3,
      filesize: 9000,
    });
    const [p1] = photoZipParts(3);
    await upload(created.ulink[0] ?? '', p1 ?? Buffer.alloc(0));
    const e = await failure(cloud.startProject(TOKEN, 'half'));
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.hint).toMatch(/Upload the missing parts/);
    expect(parseMissingParts(e.message)).toEqual([2, 3]);

    expect(await failure(cloud.getProjectInfo(TOKEN, 'nope'))).toBeInstanceOf(ProjectNotFoundError);
    expect(await failure(cloud.startProject(TOKEN, 'nope'))).toBeInstanceOf(ProjectNotFoundError);
    expect(await failure(cloud.resetProject(TOKEN, 'nope'))).toBeInstanceOf(ProjectNotFoundError);
  });

  it('a whole project: create, upload, start once, follow to done, unwrap the dlink, fetch the zip', async () => {
    const parts = photoZipParts(2);
    const created = await cloud.createProject(TOKEN, {
      project: 'whole',
      photos: 3,
      parts: 2,
      filesize: parts[0]!.length + parts[1]!.length,
    });
    await upload(created.ulink[0]!, parts[0]!);
    await upload(created.ulink[1]!, parts[1]!);
    expect((await cloud.startProject(TOKEN, 'whole')).status).toBe('initialized');
    const again = await failure(cloud.startProject(TOKEN, 'whole'));
    expect(again).toBeInstanceOf(BadRequestError);
    expect(again.message).toMatch(/already started/);

    expect((await cloud.getProjectInfo(TOKEN, 'whole')).status).toBe('initialized');
    clock += 1500;
    expect((await cloud.getProjectInfo(TOKEN, 'whole')).status).toBe('processing started');
    clock += 5000;
    const done = await cloud.getProjectInfo(TOKEN, 'whole');
    expect(done.status).toBe('processing done');
    expect(done.dlink).toMatch(/^http:\/\//);

    const direct = unwrapDownloadLink(done.dlink!);
    expect(direct).toMatch(/\/s\/[^/]+\/whole\.zip\?dl=1$/);
    const res = await fetch(direct);
    expect(res.headers.get('content-type')).toMatch(/zip/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(new AdmZip(bytes).getEntries().some((e) => e.entryName.endsWith('.obj'))).toBe(true);
    expect(stub.state.projects.get('whole')?.startCount).toBe(2);
  });

  it('a project whose processing failed reports the status and the reason, not an error', async () => {
    const zip = new AdmZip();
    zip.addFile('notes.txt', Buffer.from('not a photo'));
    const body = zip.toBuffer();
    const created = await cloud.createProject(TOKEN, {
      project: 'junk',
      photos: 1,
      parts: 1,
      filesize: body.length,
    });
    await upload(created.ulink[0]!, body);
    await cloud.startProject(TOKEN, 'junk');
    clock += 10_000;
    let info = await cloud.getProjectInfo(TOKEN, 'junk');
    for (let i = 0; i < 50 && info.status !== 'processing failed'; i++) {
      await new Promise((r) => setTimeout(r, 20)); // the stub reads the zip asynchronously
      info = await cloud.getProjectInfo(TOKEN, 'junk');
    }
    expect(info.status).toBe('processing failed');
    expect(info.error).toMatch(/notes\.txt|image/i);
    expect(info.dlink).toBeUndefined();
  });

  it('resetProject drops the parts and hands out links again', async () => {
    const created = await cloud.createProject(TOKEN, {
      project: 'again',
      photos: 3,
      parts: 1,
      filesize: 9000,
    });
    await upload(created.ulink[0]!, photoZipParts(1)[0]!);
    await cloud.resetProject(TOKEN, 'again');
    const info = await cloud.getProjectInfo(TOKEN, 'again');
    expect(info.status).toBe('created');
    expect(info.ulink).toHaveLength(1);
    expect(stub.state.projects.get('again')?.received.size).toBe(0);
  });

  it('getQueueEstimate with and without a token', async () => {
    stub.setQueue(4, 900);
    expect(await cloud.getQueueEstimate()).toEqual({ queue_length: 4, estimated_seconds: 900 });
    expect(await cloud.getQueueEstimate(TOKEN)).toEqual({ queue_length: 4, estimated_seconds: 900 });
  });
});

describe('auth, faults and retries against the stub', () => {
  it('wrong Basic auth is an UnauthorizedError and is not retried', async () => {
    const c = makeClient({ auth: { username: 'openscan', password: 'wrong' } });
    const e = await failure(c.getTokenInfo(TOKEN));
    expect(e).toBeInstanceOf(UnauthorizedError);
    expect(e.message).toMatch(/Unauthorized access/);
    expect(count('getTokenInfo')).toBe(1);
  });

  it('a 503 burst is ridden out by an idempotent call (requests counted on the server)', async () => {
    stub.setFaults({ serverErrorBurst: 2 });
    expect((await cloud.getTokenInfo(TOKEN)).credit).toBe(50_000_000_000);
    expect(stub.state.requests.filter((r) => r.endpoint === 'getTokenInfo').map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('createProject in a 503 burst fails once, creates nothing, and a later call succeeds', async () => {
    stub.setFaults({ serverErrorBurst: 1 });
    const e = await failure(
      cloud.createProject(TOKEN, { project: 'once', photos: 1, parts: 1, filesize: 10 }),
    );
    expect(e).toBeInstanceOf(ServerError);
    expect(e.retryable).toBe(true);
    expect(count('createProject')).toBe(1);
    expect(stub.state.projects.has('once')).toBe(false);
    await cloud.createProject(TOKEN, { project: 'once', photos: 1, parts: 1, filesize: 10 });
    expect(stub.state.projects.get('once')?.createCount).toBe(1);
  });

  it('a slow server beyond the response timeout is a TIMEOUT NetworkError', async () => {
    stub.setFaults({ latencyMs: 600 });
    const c = makeClient({ responseTimeoutMs: 150, retries: 1 });
    const e = await failure(c.status());
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.code).toBe('TIMEOUT');
  });

  it('no log line or error names the token', async () => {
    logLines.length = 0;
    await cloud.getTokenInfo(TOKEN);
    await failure(cloud.createProject(TOKEN, { project: 'x', photos: 5000, parts: 1, filesize: 10 }));
    const e = await failure(cloud.getProjectInfo(TOKEN, 'missing'));
    const text = [...logLines, e.message, e.stack ?? ''].join('\n');
    expect(logLines.length).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain(TOKEN);
  });
});
