import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logFields } from '../log-line.js';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import type { BackendStatus } from '../jobs/backend.js';
import { createNodeOdmBackend, type NodeOdmHandle } from './backend.js';
import { followTask } from './status.js';
import { startClusterProxy, type ClusterProxy } from './test-cluster-proxy.js';
import { FAST_RETRY, makePhotoSet, recordingContext, tempDir } from './test-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
const stubs: NodeOdmStub[] = [];
let proxy: ClusterProxy | undefined;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  await cleanup();
});

async function stub(o: Parameters<typeof startNodeOdmStub>[0] = {}): Promise<NodeOdmStub> {
  const s = await startNodeOdmStub({ processingMs: 150, ...o });
  stubs.push(s);
  return s;
}

async function until(backend: ReturnType<typeof createNodeOdmBackend>, h: NodeOdmHandle, phases: string[]) {
  const ctx = recordingContext();
  for (let i = 0; i < 200; i++) {
    const s = await backend.poll(h, ctx);
    if (phases.includes(s.phase)) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('task never reached ' + phases.join('/'));
}

describe('NodeODM ProcessingBackend', () => {
  it('takes a set from create to extracted result, journaling each step', async () => {
    const s = await stub({ token: 'tok-backend-1' });
    const backend = createNodeOdmBackend({
      url: s.url,
      token: 'tok-backend-1',
      options: { 'mesh-size': 5000, 'feature-quality': 'low' },
      upload: { batchPhotos: 4 },
      retry: FAST_RETRY,
    });
    const set = await makePhotoSet(dir, 10);
    expect(await backend.check(set)).toEqual([]);
    const ctx = recordingContext();
    let h = await backend.create(set, 'bunny', ctx);
    expect(await backend.create(set, 'bunny', ctx, h)).toBe(h); // resume: no second task
    expect(s.state.log.filter((l) => l === 'POST /task/new/init')).toHaveLength(1);
    expect((await backend.poll(h, ctx)).phase).toBe('created');
    h = await backend.upload(h, ctx);
    expect(h.confirmed).toHaveLength(10);
    // Journal after every request: 1 (create) + 3 (batches of 4, 4, 2).
    expect(ctx.saved).toHaveLength(4);
    const confirmedCounts = ctx.saved.map((x) => (x as NodeOdmHandle).confirmed.length);
    expect(confirmedCounts[0]).toBe(0);
    expect(confirmedCounts.at(-1)).toBe(10);
    expect([...confirmedCounts].sort((a, b) => a - b)).toEqual(confirmedCounts);
    h = await backend.start(h, ctx);
    expect(await backend.start(h, ctx)).toBe(h);
    expect(s.state.log.filter((l) => l.startsWith('POST /task/new/commit'))).toHaveLength(1);
    // Stored in the node's own option order (the node appends pc-ept, cog and gltf later).
    expect((s.state.tasks.get(h.uuid)?.options as unknown[]).slice(0, 2)).toEqual([
      { name: 'feature-quality', value: 'low' },
      { name: 'mesh-size', value: 5000 },
    ]);

    const seen: BackendStatus[] = [];
    const logs: string[] = [];
    for (;;) {
      const st = await backend.poll(h, ctx);
      seen.push(st);
      logs.push(...(await backend.logs!(h, ctx)).map((l) => ('tool' in l ? l.text : logFields(l).message)));
      if (st.phase === 'done') break;
      await new Promise((r) => setTimeout(r, 15));
    }
    // A test-mode node reports progress 0 while running, then 100.
    expect(seen.some((x) => x.phase === 'processing')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', resultReady: true, raw: 'completed (40)' });
    // Incremental: every console line exactly once, in order.
    expect(logs).toEqual(await backend.client.taskOutput(h.uuid, 0));
    expect(logs.length).toBeGreaterThan(5);

    const out = path.join(dir, 'result');
    const files = await backend.download(h, out, ctx);
    expect(files.map((f) => path.relative(out, f))).toContain(
      path.join('odm_texturing', 'odm_textured_model_geo.obj'),
    );
    expect(await readFile(path.join(out, 'odm_report', 'report.pdf'), 'utf8')).toMatch(/^%PDF/);
    expect((await readdir(out)).filter((n) => n.startsWith('.'))).toEqual([]);
    await backend.remove!(h);
    expect(s.state.tasks.has(h.uuid)).toBe(false);
    expect(ctx.logs.join('\n')).not.toContain('tok-backend-1');
  });

  it('honours the download cap (settings: downloadCapGB): refused, nothing left, not even the folder', async () => {
    const s = await stub();
    let cap = 100; // bytes: the node's all.zip is larger
    const backend = createNodeOdmBackend({ url: s.url, retry: FAST_RETRY, downloadCapBytes: () => cap });
    const ctx = recordingContext();
    let h = await backend.create(await makePhotoSet(dir, 3), 'capped', ctx);
    h = await backend.start(await backend.upload(h, ctx), ctx);
    await until(backend, h, ['done']);
    const out = path.join(dir, 'capped-out');
    const err = await backend.download(h, out, ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', retryable: false });
    expect((err as Error).message).toMatch(/download cap/);
    expect(existsSync(out)).toBe(false);
    // The cap is read when a download starts: raised, the same task downloads.
    cap = 1e9;
    expect((await backend.download(h, out, ctx)).length).toBeGreaterThan(0);
  });

  it('refuses invalid options before creating anything', async () => {
    const s = await stub();
    const backend = createNodeOdmBackend({
      url: s.url,
      options: { 'mesh-octree-depth': 40 },
      retry: FAST_RETRY,
    });
    const set = await makePhotoSet(dir, 2);
    await expect(backend.create(set, 'x', recordingContext())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('mesh-octree-depth: must be integer: 1 <= x <= 14, got 40'),
    });
    expect(s.state.tasks.size).toBe(0);
  });

  it('warns about maxImages up front, and shows the node’s message when the task fails after commit', async () => {
    const s = await stub({ maxImages: 5 });
    const backend = createNodeOdmBackend({ url: s.url, retry: FAST_RETRY });
    const set = await makePhotoSet(dir, 8);
    expect(await backend.check(set)).toEqual([
      expect.objectContaining({
        what: 'images',
        limit: 5,
        actual: 8,
        message: expect.stringContaining('at most 5 images'),
      }),
    ]);
    const ctx = recordingContext();
    let h = await backend.create(set, 'too-many', ctx);
    h = await backend.upload(h, ctx);
    h = await backend.start(h, ctx);
    const st = await until(backend, h, ['failed', 'done']);
    expect(st).toMatchObject({ phase: 'failed', raw: 'failed (30)' });
    expect(st.message).toMatch(/8 images uploaded, but this node can only process up to 5/);
    // The node fails such a task before it runs: no console lines.
    expect(await backend.logs!(h, ctx)).toEqual([]);
  });

  it('says clearly when a restarted node has forgotten the task', async () => {
    const s = await stub({ processingMs: 5000 });
    const backend = createNodeOdmBackend({ url: s.url, retry: FAST_RETRY });
    const ctx = recordingContext();
    const set = await makePhotoSet(dir, 3);
    const h = await backend.start(await backend.upload(await backend.create(set, 'lost', ctx), ctx), ctx);
    await s.restart(); // forgets every task
    const err = await backend.poll(h, ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    expect((err as Error).message).toContain(`no longer knows task ${h.uuid}`);
    expect((err as { hint?: string }).hint).toMatch(/restarted/);
  });

  it('waits out a node that goes down mid-task and follows it when it is back', async () => {
    const s = await stub({ processingMs: 400 });
    const backend = createNodeOdmBackend({
      url: s.url,
      retry: { retries: 1, baseMs: 5, maxMs: 10 },
    });
    const ctx = recordingContext();
    const set = await makePhotoSet(dir, 3);
    const h = await backend.start(
      await backend.upload(await backend.create(set, 'flaky-node', ctx), ctx),
      ctx,
    );
    await s.kill();
    const down = await backend.poll(h, ctx).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'NETWORK', retryable: true });
    expect((down as Error).message).toMatch(/not accepting connections/);

    const unreachable: string[] = [];
    const following = followTask(backend.client, h.uuid, {
      minIntervalMs: 20,
      maxIntervalMs: 80,
      onUnreachable: (e) => unreachable.push((e as Error).message),
    });
    await new Promise((r) => setTimeout(r, 200));
    await s.restart({ forgetTasks: false });
    const final = await following;
    expect(unreachable.length).toBeGreaterThan(0);
    expect(final).toMatchObject({ phase: 'done', resultReady: true });
  });

  it('cancel cancels the task and removes it from the node; restart of a forgotten task says NOT_FOUND', async () => {
    const s = await stub({ processingMs: 5000 });
    const backend = createNodeOdmBackend({ url: s.url, retry: FAST_RETRY });
    const ctx = recordingContext();
    const h = await backend.start(
      await backend.upload(await backend.create(await makePhotoSet(dir, 2), 'c', ctx), ctx),
      ctx,
    );
    await backend.cancel(h);
    expect(s.state.log.slice(-2)).toEqual(['POST /task/cancel', 'POST /task/remove']);
    expect(s.state.tasks.size).toBe(0);
    await expect(backend.poll(h, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(backend.restart!(h, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ClusterODM shape: several nodes behind one URL', () => {
  it('spreads tasks over the nodes and follows each to its result, resuming a cut download', async () => {
    const nodes = [await stub(), await stub(), await stub()];
    proxy = await startClusterProxy(
      nodes.map((n) => n.url),
      { cutFirstDownloadAfter: 64 * 1024 },
    );
    for (const n of nodes) await n.restart({ forgetTasks: true }); // fresh, and proves restart keeps the port
    const backend = createNodeOdmBackend({ url: proxy.url, retry: FAST_RETRY });
    const ctx = recordingContext();
    const handles: NodeOdmHandle[] = [];
    for (let i = 0; i < 6; i++) {
      const set = await makePhotoSet(path.join(dir), 2, 1000 + i);
      handles.push(
        await backend.start(await backend.upload(await backend.create(set, `t${i}`, ctx), ctx), ctx),
      );
    }
    expect(nodes.map((n) => n.state.tasks.size)).toEqual([2, 2, 2]);
    expect((await backend.client.listTasks()).sort()).toEqual(handles.map((h) => h.uuid).sort());
    for (const h of handles) expect((await until(backend, h, ['done', 'failed'])).phase).toBe('done');

    // A bigger result, cut on the first try: resumed with a Range request, extracted whole.
    const big = await stub({ resultPadBytes: 512 * 1024 });
    await proxy.close();
    proxy = await startClusterProxy([big.url], { cutFirstDownloadAfter: 100 * 1024 });
    const b2 = createNodeOdmBackend({ url: proxy.url, retry: FAST_RETRY });
    const h = await b2.start(
      await b2.upload(await b2.create(await makePhotoSet(dir, 2), 'big', ctx), ctx),
      ctx,
    );
    await until(b2, h, ['done']);
    const files = await b2.download(h, path.join(dir, 'big-out'), ctx);
    expect(proxy.downloadRanges[0]).toBe('');
    expect(proxy.downloadRanges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(/=(\d+)/.exec(proxy.downloadRanges[1] ?? '')?.[1])).toBeGreaterThan(0);
    const pad = files.find((f) => f.endsWith('padding.bin'));
    expect((await readFile(pad ?? '')).length).toBe(512 * 1024);
  });
});
