import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINK_LIFETIME_MS, startCloudStub, type CloudStub } from './index.js';
import { api, fakeClock, rawPost, tempDir, upload, type FakeClock } from './test-helpers.js';

const T = 'tok-upload-5678';

// Measuring retained memory needs a real collection; garbage from socket reads would blur it otherwise.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 1024 * 1024;

let stub: CloudStub;
let clock: FakeClock;
let data: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  clock = fakeClock();
  data = await tempDir();
  stub = await startCloudStub({ now: clock.now, tokens: [{ token: T }], dataDir: data.path });
});
afterEach(async () => {
  await stub.close();
  await data.cleanup();
});

async function links(project: string, parts = 1): Promise<string[]> {
  const r = await api(stub.url, 'createProject', { token: T, project, photos: 1, parts, filesize: 100 });
  expect(r.status).toBe(200);
  return r.json().ulink as string[];
}

/** The content hash computed here independently of the stub's streaming hasher. */
function dropboxHash(body: Buffer): string {
  const digests: Buffer[] = [];
  for (let o = 0; o < body.length; o += 4 * MiB) {
    digests.push(
      createHash('sha256')
        .update(body.subarray(o, o + 4 * MiB))
        .digest(),
    );
  }
  return createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

async function tmpFiles(): Promise<string[]> {
  return readdir(join(data.path, 'tmp')).catch(() => []);
}

/** Resolves once the server is streaming an upload into a temp file. */
const serverIsWriting = () => expect.poll(async () => (await tmpFiles()).length, { timeout: 10_000 }).toBe(1);

/** Under a loaded CI machine the server may take a while to notice a dropped connection. */
const SLOW = { timeout: 10_000 };

describe('upload', () => {
  it('answers the Dropbox content hash of a >4 MiB body and stores the part', async () => {
    const [link] = await links('h1');
    // A 1,000,003-byte pattern (prime length) repeated, so no two 4 MiB blocks are alike.
    const pattern = Buffer.alloc(1_000_003);
    for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 7 + (i >> 13)) & 0xff;
    const body = Buffer.alloc(9 * MiB + 123);
    for (let o = 0; o < body.length; o += pattern.length) pattern.copy(body, o);
    const r = await upload(link!, body);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ 'content-hash': dropboxHash(body) });
    const part = stub.state.projects.get('h1')!.received.get(1)!;
    expect(part.size).toBe(body.length);
    expect(part.contentHash).toBe(dropboxHash(body));
    expect((await readFile(part.path)).equals(body)).toBe(true);
  });

  it('matches the pinned vector for 10 MiB of i % 251 over HTTP', async () => {
    const [link] = await links('h2');
    const body = Buffer.alloc(10 * MiB);
    for (let i = 0; i < body.length; i++) body[i] = i % 251;
    const r = await upload(link!, body);
    expect(r.json['content-hash']).toBe('9b168152f37a1b2c33d9b26ca4a679d5f99f84f8c070fd3a4491d52cbfe96af4');
  });

  it('an empty body is accepted with the hash of nothing', async () => {
    const [link] = await links('h3');
    const r = await upload(link!, Buffer.alloc(0));
    expect(r.status).toBe(200);
    expect(r.json['content-hash']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a re-POST to the same link replaces the part', async () => {
    const [link] = await links('re');
    await upload(link!, Buffer.from('first version'));
    const r = await upload(link!, Buffer.from('second'));
    expect(r.status).toBe(200);
    const part = stub.state.projects.get('re')!.received.get(1)!;
    expect(part.size).toBe(6);
    expect(await readFile(part.path, 'utf8')).toBe('second');
  });

  it('refuses a part declared over 200,000,000 bytes with 413 before reading it', async () => {
    const [link] = await links('big');
    const r = await rawPost(link!, 200_000_001, Buffer.alloc(1024, 1));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).error).toMatch(/200000000/);
    expect(stub.state.projects.get('big')!.received.size).toBe(0);
    expect(await tmpFiles()).toEqual([]);
  });

  it('accepts exactly 200,000,000 declared (the limit is inclusive) up to the cut', async () => {
    // Declares the maximum, sends 1 MiB and hangs up: not a 413, and nothing is kept.
    const [link] = await links('edge');
    const r = await rawPost(link!, 200_000_000, Buffer.alloc(MiB, 2), { cutWhen: serverIsWriting });
    expect(r.status).toBe('reset');
    await expect.poll(() => stub.state.requests.some((q) => q.endpoint === 'upload'), SLOW).toBe(true);
    expect(stub.state.projects.get('edge')!.received.size).toBe(0);
  });

  it('an unknown link is 404, an expired one 410 {"error":"upload link expired"}', async () => {
    expect((await upload(`${stub.url}/upload/not-a-link`, Buffer.from('x'))).status).toBe(404);
    const [link] = await links('old');
    clock.advance(LINK_LIFETIME_MS);
    const r = await upload(link!, Buffer.from('x'));
    expect(r.status).toBe(410);
    expect(r.json).toEqual({ error: 'upload link expired' });
  });

  it('expireLinksNow expires every link at once', async () => {
    const [link] = await links('now');
    stub.expireLinksNow();
    expect((await upload(link!, Buffer.from('x'))).status).toBe(410);
  });

  it('a body cut short by the client leaves no part and no temp file', async () => {
    const [link] = await links('cut');
    const r = await rawPost(link!, 5 * MiB, Buffer.alloc(2 * MiB, 3), { cutWhen: serverIsWriting });
    expect(r.status).toBe('reset');
    await expect.poll(() => stub.state.requests.filter((q) => q.endpoint === 'upload').length, SLOW).toBe(1);
    expect(stub.state.projects.get('cut')!.received.size).toBe(0);
    expect(await tmpFiles()).toEqual([]);
    expect(stub.state.requests.at(-1)!.status).toBe(499);
  });

  it('a cut re-upload keeps the earlier complete part', async () => {
    const [link] = await links('keep');
    await upload(link!, Buffer.from('complete part'));
    await rawPost(link!, 3 * MiB, Buffer.alloc(MiB, 4), { cutWhen: serverIsWriting });
    await expect.poll(() => stub.state.requests.filter((q) => q.endpoint === 'upload').length, SLOW).toBe(2);
    const part = stub.state.projects.get('keep')!.received.get(1)!;
    expect(await readFile(part.path, 'utf8')).toBe('complete part');
  });

  it('uploads after startProject are refused with 409', async () => {
    const [link] = await links('closed');
    await upload(link!, Buffer.from('x'));
    expect((await api(stub.url, 'startProject', { token: T, project: 'closed' })).status).toBe(200);
    expect((await upload(link!, Buffer.from('y'))).status).toBe(409);
  });

  it('streams a 50 MB part to disk without holding it in memory', async () => {
    const [link] = await links('mem');
    const size = 50 * 1000 * 1000;
    const mid = 40 * 1000 * 1000;
    const chunk = Buffer.alloc(256 * 1024, 7);
    gc();
    const before = process.memoryUsage();
    let atMid: { rss: number; arrayBuffers: number; onDisk: number } | null = null;
    async function* body() {
      for (let sent = 0; sent < size; sent += chunk.length) {
        if (sent >= mid && !atMid) {
          // Let the server catch up (on a loaded machine its disk writes lag: wait for them, up to
          // 10 s, instead of a fixed 100 ms), collect garbage, then see what is held and what is on disk.
          const written = async () => {
            const files = await tmpFiles();
            return files.length === 1 ? (await stat(join(data.path, 'tmp', files[0]!))).size : -1;
          };
          for (let waited = 0; waited < 10_000 && (await written()) < sent - 2 * chunk.length; waited += 50)
            await new Promise((r) => setTimeout(r, 50));
          // V8 frees ArrayBuffer memory on a background sweeper that lags on a busy machine: collect
          // a few times, with a pause, before reading the numbers.
          for (let i = 0; i < 5; i++) {
            gc();
            await new Promise((r) => setTimeout(r, 20));
          }
          const m = process.memoryUsage();
          const onDisk = await written();
          atMid = { rss: m.rss - before.rss, arrayBuffers: m.arrayBuffers - before.arrayBuffers, onDisk };
        }
        yield chunk.subarray(0, Math.min(chunk.length, size - sent));
      }
    }
    const r = await rawPost(link!, size, body);
    expect(r.status).toBe(200);
    const part = stub.state.projects.get('mem')!.received.get(1)!;
    expect((await stat(part.path)).size).toBe(size);
    expect(atMid).not.toBeNull();
    const m = atMid!;
    console.log(
      `50 MB upload, at 40 MB sent: rss +${(m.rss / 1e6).toFixed(1)} MB, arrayBuffers +${(m.arrayBuffers / 1e6).toFixed(1)} MB, on disk ${(m.onDisk / 1e6).toFixed(1)} MB`,
    );
    // Most of what was sent is already in the temp file, and memory holds far less than 40 MB.
    expect(m.onDisk).toBeGreaterThan(30 * 1000 * 1000);
    // (rss is printed, not asserted: the allocator keeps freed pages, so it only shows the trend.)
    expect(m.arrayBuffers).toBeLessThan(15 * 1000 * 1000);
  });
});
