import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Job } from '../../contract/index.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { createServiceFromRuntime } from './from-runtime.js';
import type { PlatformPort } from './ports.js';

let dir: string;
let folder: string;
let rt: Runtime;

/** A finished job as the journal keeps it, with a result folder holding a point cloud and a mesh. */
async function writeDoneJob(dataDir: string, id: string, result: Job['result']): Promise<void> {
  const job: Job = {
    id,
    backend: 'cloud',
    profile: '',
    projectName: `scan-${id}`,
    source: { paths: ['/photos'], photoCount: 3, totalBytes: 100 },
    state: 'done',
    progress: { fraction: 1, bytesDone: 100, bytesTotal: 100, rate: 0, partsDone: 1, partsTotal: 1 },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...(result ? { result } : {}),
  };
  await fs.mkdir(path.join(dataDir, 'jobs'), { recursive: true });
  await fs.writeFile(
    path.join(dataDir, 'jobs', `${id}.json`),
    JSON.stringify({ version: 1, job, request: { paths: ['/photos'] } }),
  );
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-open-with-'));
  folder = path.join(dir, 'result');
  await fs.mkdir(path.join(folder, 'mesh'), { recursive: true });
  await fs.writeFile(path.join(folder, 'points.ply'), 'ply\n');
  await fs.writeFile(path.join(folder, 'mesh', 'model.obj'), 'v 0 0 0\n');
  await fs.writeFile(path.join(dir, 'outside.ply'), 'ply\n');
  const dataDir = path.join(dir, 'data');
  await writeDoneJob(dataDir, 'job1', { folder });
  await writeDoneJob(dataDir, 'job2', { downloadUrl: 'https://example.org/x.zip' });
  rt = await openRuntime({ dataDir });
  await rt.jobs.load();
});
afterEach(async () => {
  await rt.close();
  await fs.rm(dir, { recursive: true, force: true });
});

function recordingPlatform(calls: string[]): PlatformPort {
  return {
    viewerApps: async () => [
      { id: 'default', name: 'System default' },
      { id: 'meshlab', name: 'MeshLab' },
    ],
    openWith: async (file, app) => void calls.push(`open ${app} ${file}`),
    reveal: async (file) => void calls.push(`reveal ${file}`),
  };
}

describe('open with / reveal in the desktop app', () => {
  it('opens the first model (meshes first) or the named one, confined to the result folder', async () => {
    const calls: string[] = [];
    const svc = createServiceFromRuntime(rt, {
      mode: 'electron',
      version: '1',
      platform: recordingPlatform(calls),
    });
    expect((await svc.getAppInfo()).canOpenFiles).toBe(true);
    expect((await svc.listViewerApps()).map((a) => a.id)).toEqual(['default', 'meshlab']);

    await svc.openResultWith({ jobId: 'job1', app: 'meshlab' });
    await svc.openResultWith({ jobId: 'job1', app: 'default', model: 'points.ply' });
    await svc.revealResult({ jobId: 'job1' });
    const real = await fs.realpath(folder);
    expect(calls).toEqual([
      `open meshlab ${path.join(real, 'mesh', 'model.obj')}`,
      `open default ${path.join(real, 'points.ply')}`,
      `reveal ${path.join(real, 'mesh', 'model.obj')}`,
    ]);

    // A path the renderer names is never taken as it is: out of the folder is refused, absolute too.
    for (const model of ['../outside.ply', path.join(dir, 'outside.ply')]) {
      const r = await dispatch(svc, 'openResultWith', [{ jobId: 'job1', app: 'default', model }]);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    // A raw path in place of a job id is just an unknown job; an unknown program is refused by the schema.
    expect(await dispatch(svc, 'revealResult', [{ jobId: folder }])).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await dispatch(svc, 'openResultWith', [{ jobId: 'job1', app: 'sh' }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // A job without a downloaded result has nothing to open.
    expect(await dispatch(svc, 'openResultWith', [{ jobId: 'job2', app: 'default' }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(calls).toHaveLength(3);
    svc.close();
  });
});

describe('web mode', () => {
  it('answers every desktop-only call with DESKTOP_ONLY and says it cannot open files', async () => {
    const svc = createServiceFromRuntime(rt, { mode: 'web', version: '1' });
    expect((await svc.getAppInfo()).canOpenFiles).toBe(false);
    for (const [method, args] of [
      ['listViewerApps', []],
      ['openResultWith', [{ jobId: 'job1', app: 'default' }]],
      ['revealResult', [{ jobId: 'job1' }]],
    ] as const) {
      const r = await dispatch(svc, method, args as never);
      expect(r).toMatchObject({ ok: false, error: { code: 'DESKTOP_ONLY' } });
    }
    svc.close();
  });
});
