import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../errors.js';
import type { BackendStatus, ProcessingBackend } from './backend.js';
import { createJournal } from './journal.js';
import { createJobManager, type ManagerDeps } from './manager.js';
import type { JobEvent } from './types.js';
import type { PhotoSet } from '../photos/set.js';

/**
 * A scripted backend: a real implementation of the ProcessingBackend interface that records what the
 * manager asked of it, so the manager's guarantees (journal before announce, once-only create/start,
 * resume from the handle) can be checked without a network.
 */
interface H {
  created: number;
  uploaded: number;
  started: boolean;
}
function scripted(
  opts: {
    uploadGate?: Promise<void>;
    failCreateTimes?: number;
    problems?: boolean;
    statuses?: string[];
  } = {},
) {
  const calls: string[] = [];
  let createFailures = opts.failCreateTimes ?? 0;
  const statuses = [...(opts.statuses ?? ['queued', 'processing', 'done'])];
  const b: ProcessingBackend<H> = {
    kind: 'cloud',
    async check() {
      calls.push('check');
      return opts.problems
        ? [{ what: 'photos', limit: 1, actual: 2, message: '2 photos is 1 over your limit of 1.' }]
        : [];
    },
    async create(_set, _name, ctx, h) {
      calls.push('create');
      if (h) return h;
      if (createFailures-- > 0) throw new NetworkError('offline');
      const handle = { created: 1, uploaded: 0, started: false };
      await ctx.saveHandle(handle);
      return handle;
    },
    async upload(h, ctx) {
      calls.push('upload');
      ctx.onProgress({ bytesDone: 5, bytesTotal: 10, fraction: 0.5 });
      if (opts.uploadGate) {
        await Promise.race([
          opts.uploadGate,
          new Promise((_r, rej) =>
            ctx.signal.addEventListener('abort', () => rej(new Error('aborted')), { once: true }),
          ),
        ]);
      }
      h.uploaded = 1;
      await ctx.saveHandle(h);
      return h;
    },
    async start(h, ctx) {
      calls.push('start');
      if (h.started) return h;
      h.started = true;
      await ctx.saveHandle(h);
      return h;
    },
    async poll(): Promise<BackendStatus> {
      calls.push('poll');
      const raw = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      return {
        phase: raw === 'done' ? 'done' : raw === 'failed' ? 'failed' : 'processing',
        raw,
        resultReady: raw === 'done',
      };
    },
    async download() {
      calls.push('download');
      return ['model.obj'];
    },
    async cancel() {
      calls.push('cancel');
    },
  };
  return { backend: b, calls };
}

const set: PhotoSet = { photoCount: 2, totalBytes: 10, photos: [] };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-manager-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deps(backend: ProcessingBackend, extra: Partial<ManagerDeps> = {}): ManagerDeps {
  return {
    journal: createJournal(dir),
    backend: () => backend,
    scan: async () => set,
    makeName: () => 'scan-abc',
    defaultDownloadDir: path.join(dir, 'downloads'),
    poll: { firstMs: 1, maxMs: 2 },
    stepRetry: { retries: 2, baseMs: 1, maxMs: 2 },
    progressIntervalMs: 10,
    ...extra,
  };
}

describe('job manager', () => {
  it('runs a job to done, journaling each state before it is announced', async () => {
    const { backend, calls } = scripted();
    const m = createJobManager(deps(backend));
    const seen: string[] = [];
    const mismatches: string[] = [];
    m.subscribe((e: JobEvent) => {
      if (e.type !== 'job:state') return;
      seen.push(e.job.state);
      // The journal on disk must already say what is being announced.
      void readFile(path.join(dir, 'jobs', `${e.job.id}.json`), 'utf8').then((t) => {
        const onDisk = JSON.parse(t).job.state;
        if (onDisk !== e.job.state && seen.indexOf(onDisk) < seen.indexOf(e.job.state))
          mismatches.push(`${e.job.state} vs ${onDisk}`);
      });
    });
    const job = await m.create({ paths: ['/photos'] });
    await m.whenIdle();
    const final = m.get(job.id)!;
    expect(final.state).toBe('done');
    expect(final.projectName).toBe('scan-abc');
    expect(final.result?.files).toEqual(['model.obj']);
    expect(seen).toEqual(
      expect.arrayContaining([
        'queued',
        'scanning',
        'creating',
        'uploading',
        'starting',
        'processing',
        'downloading',
        'done',
      ]),
    );
    expect(calls.filter((c) => c === 'create')).toHaveLength(1);
    expect(calls.filter((c) => c === 'start')).toHaveLength(1);
    expect(mismatches).toEqual([]);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'jobs', `${job.id}.json`), 'utf8'));
    expect(onDisk.job.state).toBe('done');
    await m.close();
  });

  it('fails with the limit problems before anything is created', async () => {
    const { backend, calls } = scripted({ problems: true });
    const m = createJobManager(deps(backend));
    const job = await m.create({ paths: ['/photos'] });
    await m.whenIdle();
    const final = m.get(job.id)!;
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('LIMIT_EXCEEDED');
    expect(final.error?.message).toContain('1 over your limit');
    expect(calls).not.toContain('create');
    await m.close();
  });

  it('waits out transient network failures, then continues', async () => {
    const { backend, calls } = scripted({ failCreateTimes: 2 });
    const m = createJobManager(deps(backend));
    const job = await m.create({ paths: ['/photos'] });
    await m.whenIdle();
    expect(m.get(job.id)!.state).toBe('done');
    expect(calls.filter((c) => c === 'create')).toHaveLength(3);
    await m.close();
  });

  it('pauses and resumes mid-upload; cancel cleans up on the backend', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { backend, calls } = scripted({ uploadGate: gate });
    const m = createJobManager(deps(backend));
    const job = await m.create({ paths: ['/photos'] });
    await vi_waitFor(() => calls.includes('upload'));
    await m.pause(job.id);
    expect(m.get(job.id)!.state).toBe('paused');
    open();
    await m.resume(job.id);
    await m.whenIdle();
    expect(m.get(job.id)!.state).toBe('done');
    expect(calls.filter((c) => c === 'create')).toHaveLength(2); // resumed with the handle: no new project
    await m.close();

    const stuck = scripted({ uploadGate: new Promise<void>(() => undefined) });
    const m2 = createJobManager(deps(stuck.backend));
    const second = await m2.create({ paths: ['/photos'] });
    await vi_waitFor(() => stuck.calls.includes('upload'));
    await m2.cancel(second.id);
    await m2.whenIdle();
    expect(m2.get(second.id)!.state).toBe('cancelled');
    expect(stuck.calls).toContain('cancel');
    await m2.close();
  });

  it('resumes an interrupted job from the journal in a new manager, never creating or starting twice', async () => {
    const gate = new Promise<void>(() => undefined); // the first process never finishes its upload
    const first = scripted({ uploadGate: gate });
    const m1 = createJobManager(deps(first.backend));
    const job = await m1.create({ paths: ['/photos'] });
    await vi_waitFor(() => first.calls.includes('upload'));
    await m1.close(); // like a kill: the journal holds the last step
    expect(m1.get(job.id)!.state).toBe('uploading');

    const second = scripted();
    const m2 = createJobManager(deps(second.backend));
    await m2.resumeAll();
    await m2.whenIdle();
    expect(m2.get(job.id)!.state).toBe('done');
    expect(second.calls).not.toContain('check');
    const handle = m2.record(job.id)!.handle as H;
    expect(handle.created).toBe(1);
    expect(second.calls.filter((c) => c === 'start')).toHaveLength(1);
    await m2.close();
  });

  it('two callers loading the journal at once both see its jobs (the second waits for the first read)', async () => {
    const first = scripted({ uploadGate: new Promise<void>(() => undefined) });
    const m1 = createJobManager(deps(first.backend));
    const job = await m1.create({ paths: ['/photos'] });
    await vi_waitFor(() => first.calls.includes('upload'));
    await m1.close();

    const m2 = createJobManager(deps(scripted().backend));
    const seen: number[] = [];
    await Promise.all([m2.load(), m2.load().then(() => seen.push(m2.list().length))]);
    expect(seen).toEqual([1]);
    expect(m2.get(job.id)?.state).toBe('uploading');
    await m2.close();
  });

  it('refuses a second process on the same data folder', async () => {
    const j = createJournal(dir);
    const release = await j.lock();
    await expect(createJournal(dir).lock()).rejects.toThrow(/already using/);
    await release();
  });

  it('sets aside a damaged journal record and loads the others', async () => {
    const { backend } = scripted();
    const m = createJobManager(deps(backend));
    const job = await m.create({ paths: ['/photos'] });
    await m.whenIdle();
    await m.close();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'jobs', 'broken.json'), '{"version":1, "job": tru');
    const { records, problems } = await createJournal(dir).load();
    expect(records.map((r) => r.job.id)).toEqual([job.id]);
    expect(problems[0]).toMatch(/set aside/);
  });
});

async function vi_waitFor(cond: () => boolean, ms = 5000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
