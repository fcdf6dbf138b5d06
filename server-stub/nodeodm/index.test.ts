import { afterEach, describe, expect, it } from 'vitest';
import { startNodeOdmStub, type NodeOdmStub } from './index.js';

let stub: NodeOdmStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

function upload(url: string, names: string[]) {
  const fd = new FormData();
  for (const n of names) fd.append('images', new Blob([Buffer.from(n)]), n);
  return fetch(url, { method: 'POST', body: fd });
}

describe('NodeODM stub', () => {
  it('answers a missing or wrong token with HTTP 200 and an error body', async () => {
    stub = await startNodeOdmStub({ token: 'sekret-1' });
    for (const q of ['', '?token=nope']) {
      const r = await fetch(`${stub.url}/info${q}`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ error: 'Invalid authentication token' });
    }
    expect(await (await fetch(`${stub.url}/info?token=sekret-1`)).json()).toMatchObject({ version: '2.2.1' });
    expect(await (await fetch(`${stub.url}/auth/info`)).json()).toMatchObject({ loginUrl: null });
  });

  it('stores a re-sent photo a second time as name_.jpg, as NodeODM does', async () => {
    stub = await startNodeOdmStub();
    const { uuid } = (await (await fetch(`${stub.url}/task/new/init`, form({ name: 'dup' }))).json()) as {
      uuid: string;
    };
    await upload(`${stub.url}/task/new/upload/${uuid}`, ['IMG_1.jpg', 'IMG_2.jpg']);
    expect(await (await upload(`${stub.url}/task/new/upload/${uuid}`, ['IMG_1.jpg'])).json()).toEqual({
      success: true,
    });
    expect(stub.state.tasks.get(uuid)?.images).toEqual(['IMG_1.jpg', 'IMG_2.jpg', 'IMG_1_.jpg']);
  });

  it('serves all.zip with Range and 416 past the end; unknown routes get an HTML 404', async () => {
    stub = await startNodeOdmStub({ processingMs: 0 });
    const { uuid } = (await (await fetch(`${stub.url}/task/new/init`, form({ name: 'z' }))).json()) as {
      uuid: string;
    };
    await fetch(`${stub.url}/task/new/commit/${uuid}`, { method: 'POST' });
    const whole = Buffer.from(await (await fetch(`${stub.url}/task/${uuid}/download/all.zip`)).arrayBuffer());
    expect(whole.readUInt32LE(0)).toBe(0x04034b50);
    const part = await fetch(`${stub.url}/task/${uuid}/download/all.zip`, {
      headers: { range: 'bytes=10-' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(10))).toBe(true);
    const past = await fetch(`${stub.url}/task/${uuid}/download/all.zip`, {
      headers: { range: `bytes=${whole.length}-` },
    });
    expect(past.status).toBe(416);
    const nf = await fetch(`${stub.url}/nope`);
    expect(nf.status).toBe(404);
    expect(await nf.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('moves a task from queued to running to completed with the clock', async () => {
    let t = 1_000_000;
    const s = await startNodeOdmStub({ processingMs: 1000, now: () => t });
    stub = s;
    const { uuid } = (await (await fetch(`${stub.url}/task/new/init`, form({ name: 'clock' }))).json()) as {
      uuid: string;
    };
    await fetch(`${stub.url}/task/new/commit/${uuid}`, { method: 'POST' });
    const info = async () =>
      (await (await fetch(`${s.url}/task/${uuid}/info`)).json()) as {
        status: { code: number };
        progress: number;
      };
    expect((await info()).status.code).toBe(10);
    t += 500;
    expect(await info()).toMatchObject({ status: { code: 20 }, progress: 50 });
    t += 600;
    expect(await info()).toMatchObject({ status: { code: 40 }, progress: 100 });
  });
});
