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

  it('--test_drop_uploads: a dropped upload is a 500 "Internal Server Error" and keeps nothing', async () => {
    stub = await startNodeOdmStub({ dropUploads: (n) => n === 0 });
    const { uuid } = (await (await fetch(`${stub.url}/task/new/init`, form({}))).json()) as { uuid: string };
    const dropped = await upload(`${stub.url}/task/new/upload/${uuid}`, ['A.jpg']);
    expect(dropped.status).toBe(500);
    expect(await dropped.text()).toBe('Internal Server Error');
    expect(await (await upload(`${stub.url}/task/new/upload/${uuid}`, ['B.jpg'])).json()).toEqual({
      success: true,
    });
    expect(stub.state.tasks.get(uuid)?.images).toEqual(['B.jpg']);
    expect(stub.state.counters.drops).toBe(1);
  });

  it('--test_fail_tasks: a committed task ends in 30; a restarted node forgets it', async () => {
    stub = await startNodeOdmStub({ failTasks: true, processingMs: 20 });
    const { uuid } = (await (await fetch(`${stub.url}/task/new/init`, form({}))).json()) as { uuid: string };
    await upload(`${stub.url}/task/new/upload/${uuid}`, ['A.jpg']);
    await fetch(`${stub.url}/task/new/commit/${uuid}`, { method: 'POST' });
    const code = async () =>
      ((await (await fetch(`${stub!.url}/task/${uuid}/info`)).json()) as { status?: { code: number } }).status
        ?.code;
    while ((await code()) !== 30) await new Promise((r) => setTimeout(r, 10));
    await stub.restart();
    // The restart cut the kept-alive connection: the first request after it may meet a closed socket.
    const after = await fetch(`${stub.url}/task/${uuid}/info`).catch(() =>
      fetch(`${stub!.url}/task/${uuid}/info`),
    );
    expect(await after.json()).toEqual({
      error: `${uuid} not found`,
    });
  });
});
