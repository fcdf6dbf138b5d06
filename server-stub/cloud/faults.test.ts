import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { HTML_503 } from './http-util.js';
import { dropboxContentHash, startCloudStub, type CloudStub } from './index.js';
import { api, rawPost, upload } from './test-helpers.js';

const T = 'tok-faults-42';
let stub: CloudStub;

beforeEach(async () => {
  stub = await startCloudStub({ tokens: [{ token: T }] });
});
afterEach(() => stub.close());

async function links(project: string, parts: number): Promise<string[]> {
  const r = await api(stub.url, 'createProject', { token: T, project, photos: 1, parts, filesize: 10 });
  return r.json().ulink as string[];
}

describe('faults', () => {
  it('a 503 burst answers the next N API/upload requests with an HTML page, then recovers', async () => {
    const [link] = await links('burst', 1);
    stub.setFaults({ serverErrorBurst: 2 });
    const first = await api(stub.url, 'getTokenInfo', { token: T });
    expect(first.status).toBe(503);
    expect(first.text).toBe(HTML_503);
    const up = await upload(link!, Buffer.from('x'));
    expect(up.status).toBe(503);
    expect(up.text).toContain('503 Service Temporarily Unavailable');
    expect((await api(stub.url, 'getTokenInfo', { token: T })).status).toBe(200);
    expect(stub.state.projects.get('burst')!.received.size).toBe(0);
  });

  it('cut rate 1 destroys every upload mid-body and keeps nothing; rate 0 lets it through', async () => {
    const [link] = await links('cut', 1);
    stub.setFaults({ uploadCutRate: 1 });
    const body = Buffer.alloc(512 * 1024, 9);
    const r = await rawPost(link!, body.length, body);
    expect(r.status).toBe('reset');
    expect(stub.state.projects.get('cut')!.received.size).toBe(0);
    stub.setFaults({ uploadCutRate: 0 });
    const ok = await upload(link!, body);
    expect(ok.json['content-hash']).toBe(dropboxContentHash(body));
  });

  it('a fractional cut rate is reproducible from the seed', async () => {
    const run = async (project: string) => {
      const ls = await links(project, 12);
      stub.setFaults({ uploadCutRate: 0.5, seed: 7 });
      const outcomes: string[] = [];
      for (const l of ls) outcomes.push(String((await rawPost(l, 1000, Buffer.alloc(1000, 1))).status));
      stub.setFaults({ uploadCutRate: 0 });
      return outcomes;
    };
    const a = await run('seed-a');
    const b = await run('seed-b');
    expect(a).toEqual(b);
    const cut = a.filter((s) => s === 'reset').length;
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(12);
    expect(stub.state.projects.get('seed-a')!.received.size).toBe(12 - cut);
  });

  it('seededRandom is deterministic and in [0, 1)', () => {
    const r1 = seededRandom(3);
    const r2 = seededRandom(3);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => r2()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('latency delays every request', async () => {
    stub.setFaults({ latencyMs: 200 });
    const t0 = performance.now();
    expect((await api(stub.url, 'status')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('close() does not wait for a stalled upload: the connection is dropped', async () => {
    const [link] = await links('closing', 1);
    stub.setFaults({ stallMs: 30_000 });
    const pending = rawPost(link!, 1024 * 1024, Buffer.alloc(1024 * 1024, 1));
    await expect.poll(() => stub.state.requests.length >= 1).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await stub.close();
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect((await pending).status).toBe('reset');
  });

  it('a client that sends the whole body and hangs up before it is read leaves no part and no hang', async () => {
    // Latency keeps the body unread in the socket buffer while the client goes away.
    const [link] = await links('gone', 1);
    stub.setFaults({ latencyMs: 300 });
    const r = await rawPost(link!, 1000, Buffer.alloc(1000, 1), { cutAfterSend: true });
    expect(r.status).toBe('reset');
    await expect
      .poll(() => stub.state.requests.find((q) => q.endpoint === 'upload')?.status, { timeout: 10_000 })
      .toBe(499);
    expect(stub.state.projects.get('gone')!.received.size).toBe(0);
    const t0 = performance.now();
    await stub.close();
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a stall pauses an upload mid-body, which then completes intact', async () => {
    const [link] = await links('stall', 1);
    stub.setFaults({ stallMs: 300 });
    const body = Buffer.alloc(2 * 1024 * 1024, 5);
    const t0 = performance.now();
    const r = await upload(link!, body);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.json['content-hash']).toBe(dropboxContentHash(body));
    expect(stub.state.projects.get('stall')!.received.get(1)!.size).toBe(body.length);
  });
});
