/**
 * NodeODM jobs through the real runtime and job manager, against stand-in nodes over HTTP: a job stays
 * on the node it was created on (with its own token entry) after its profile moves, a token reaches
 * only its own node, a refused token says whose, a forgotten task is told apart from an unreachable
 * node, cancel and remove clean up on the node, and retry restarts the task there.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { nodeOdmJobDownload, nodeOdmJobStatus } from '../service/nodeodm.js';
import { saveNodeProfile } from './profiles.js';

let base: string;
let photos: string;
let rt: Runtime | undefined;
const stubs: NodeOdmStub[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'nodeodm-jobs-'));
  photos = path.join(base, 'Bust');
  await makePhotoSet(photos, { count: 4, bytesEach: 30_000, seed: 3 });
});
afterEach(async () => {
  await rt?.close();
  rt = undefined;
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  await rm(base, { recursive: true, force: true });
});

async function node(o: Parameters<typeof startNodeOdmStub>[0] = {}): Promise<NodeOdmStub> {
  const s = await startNodeOdmStub({ processingMs: 30, ...o });
  stubs.push(s);
  return s;
}

async function runtime(over: Parameters<typeof openRuntime>[0] = {}): Promise<Runtime> {
  rt = await openRuntime({
    dataDir: path.join(base, 'data'),
    lock: false,
    poll: { firstMs: 10, maxMs: 50 },
    ...over,
  });
  rt.settings.update({ downloadDir: path.join(base, 'results') });
  return rt;
}

async function settle(r: Runtime, id: string) {
  await r.jobs.whenIdle();
  return r.jobs.get(id)!;
}

describe('NodeODM jobs stay on their node', () => {
  it('status, download and remove go to the node the job was created on, with its own token, after the profile moved', async () => {
    const a = await node({ token: 'token-of-A' });
    const b = await node({ token: 'token-of-B' });
    const r = await runtime();
    await saveNodeProfile(r, { name: 'Lab', endpoint: a.url, token: 'token-of-A' });
    const job = await r.jobs.create({
      paths: [photos],
      backend: 'nodeodm',
      profile: 'Lab',
      autoDownload: false,
    });
    expect((await settle(r, job.id)).state).toBe('done');
    expect(a.state.tasks.size).toBe(1);

    // The profile now points at B, with B's token.
    await saveNodeProfile(r, { name: 'Lab', endpoint: b.url, token: 'token-of-B' });
    await r.close();
    const r2 = await runtime();
    const st = await nodeOdmJobStatus(r2, job.id);
    expect(st).toMatchObject({ node: a.url, status: { phase: 'done' } });
    const dl = await nodeOdmJobDownload(r2, job.id);
    expect(dl.files.some((f) => f.endsWith('.obj'))).toBe(true);
    await r2.jobs.remove(job.id);
    expect(a.state.tasks.size).toBe(0);
    // B was never asked anything, and A never saw B's token (nor B A's).
    expect(b.state.log).toEqual([]);
    expect(new Set(a.state.tokensSeen)).toEqual(new Set(['token-of-A']));
  });

  it('tells a node that forgot the task (NOT_FOUND) from one that cannot be reached (NETWORK)', async () => {
    const a = await node();
    const r = await runtime();
    const job = await r.jobs.create({
      paths: [photos],
      backend: 'nodeodm',
      profile: a.url,
      autoDownload: false,
    });
    expect((await settle(r, job.id)).state).toBe('done');
    await a.restart(); // a restarted NodeODM forgets its tasks
    await expect(nodeOdmJobStatus(r, job.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await a.kill();
    await expect(nodeOdmJobStatus(r, job.id)).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('a wrong token: the node refused this token; no token: none was sent (INVALID_TOKEN)', async () => {
    const a = await node({ token: 'right' });
    const r = await runtime();
    await saveNodeProfile(r, { name: 'Wrong', endpoint: a.url, token: 'not-right' });
    const j1 = await r.jobs.create({ paths: [photos], backend: 'nodeodm', profile: 'Wrong' });
    const f1 = await settle(r, j1.id);
    expect(f1.error).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(f1.error?.message).toMatch(/refused this token/);
    expect(JSON.stringify(f1)).not.toContain('not-right');
    const j2 = await r.jobs.create({ paths: [photos], backend: 'nodeodm', profile: a.url });
    const f2 = await settle(r, j2.id);
    expect(f2.error).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(f2.error?.message).toMatch(/needs a token, and none was sent/);
    expect(a.state.tasks.size).toBe(0);
  });

  it('an ad-hoc token is used for its own address only, and never stored', async () => {
    const a = await node({ token: 'adhoc-secret' });
    const r = await runtime({ nodeOdmOverrides: { token: 'adhoc-secret' } });
    const job = await r.jobs.create({
      paths: [photos],
      backend: 'nodeodm',
      profile: a.url,
      autoDownload: false,
    });
    expect((await settle(r, job.id)).state).toBe('done');
    expect(await r.nodeTokens.get({ kind: 'node' }, 'http://127.0.0.1:1/')).toBeUndefined();
    await r.close();
    rt = await openRuntime({ dataDir: path.join(base, 'data'), lock: false });
    expect(await rt.nodeTokens.get({ kind: 'node' }, a.url)).toBeUndefined();
  });
});

describe('NodeODM lifecycle from the job board', () => {
  it('cancel cancels and removes the task on the node', async () => {
    const a = await node({ processingMs: 60_000 });
    const r = await runtime();
    const job = await r.jobs.create({ paths: [photos], backend: 'nodeodm', profile: a.url });
    await expect.poll(() => r.jobs.get(job.id)?.state, { timeout: 10_000 }).toBe('processing');
    await r.jobs.cancel(job.id);
    expect(r.jobs.get(job.id)?.state).toBe('cancelled');
    expect(a.state.log).toContain('POST /task/cancel');
    expect(a.state.log).toContain('POST /task/remove');
    expect(a.state.tasks.size).toBe(0);
  });

  it('retry of a failed task restarts it on the node with the photos it has, instead of uploading again', async () => {
    const a = await node({
      failTasks: true,
      failureOutput: [
        '[ERROR]   The program could not process this dataset using the current settings.\n',
        '===== Dumping Info for Geeks (developers need this to fix bugs) =====\n',
        'Exception: Child returned 1\n',
      ],
    });
    const r = await runtime();
    const job = await r.jobs.create({
      paths: [photos],
      backend: 'nodeodm',
      profile: a.url,
      autoDownload: false,
    });
    const failed = await settle(r, job.id);
    expect(failed.state).toBe('failed');
    // The node gave no errorMessage: ODM's own [ERROR] line from its console is what the person reads.
    expect(failed.error).toMatchObject({ code: 'PROCESSING_FAILED', detail: 'said' });
    expect(String(failed.error?.params?.said)).toMatch(/^The program could not process this dataset/);
    const uploads = a.state.counters.uploadRequests;
    a.setFailTasks(false);
    await r.jobs.retry(job.id);
    expect((await settle(r, job.id)).state).toBe('done');
    expect(a.state.log.filter((l) => l === 'POST /task/restart')).toHaveLength(1);
    expect(a.state.counters.uploadRequests).toBe(uploads);
    expect(a.state.tasks.size).toBe(1);
  });

  it('a download folder whose parent is a file: a DISK error that says so, not a raw ENOTDIR', async () => {
    const a = await node();
    const r = await runtime();
    const job = await r.jobs.create({
      paths: [photos],
      backend: 'nodeodm',
      profile: a.url,
      autoDownload: false,
    });
    expect((await settle(r, job.id)).state).toBe('done');
    const file = path.join(base, 'not-a-folder');
    await writeFile(file, 'x');
    await mkdir(path.join(base, 'ok'), { recursive: true });
    const err = await nodeOdmJobDownload(r, job.id, { dir: path.join(file, 'result') }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'DISK' });
    expect((err as Error).message).toMatch(/part of that path is a file, not a folder/);
  });
});
