/**
 * The whole cloud flow over real HTTP against the server-stub, with its fault injection: whatever
 * happens on the way (cut connections, 5xx bursts, stalls, links expiring, the process killed with
 * SIGKILL), the stub ends up holding a zip byte-identical to a clean run's, in one project started once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { openRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';
import { hasTool } from '../testing/require-tool.js';
import { readJournalRecord } from './journal.js';
import type { Job } from './types.js';

const TOKEN = 'flow-test-token-7f3a9c';
const PART = 2_000_000;
let base: string;
let photos: string;
let stub: CloudStub;
let cleanZipHash: string;

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function runtime(over: Partial<RuntimeOptions> = {}): Promise<Runtime> {
  return openRuntime({
    dataDir: await mkdtemp(path.join(base, 'data-')),
    tokenOverride: TOKEN,
    endpointOverride: stub.url,
    uploadOverrides: { concurrency: 3, partSize: PART },
    uploadTuning: {
      idleTimeoutMs: 1500,
      connectTimeoutMs: 2000,
      retries: 8,
      retryBaseMs: 20,
      retryMaxMs: 200,
    },
    poll: { firstMs: 20, maxMs: 100 },
    stepRetry: { retries: 3, baseMs: 50, maxMs: 200 },
    ...over,
  });
}

function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => c.kill('SIGKILL'), 60_000);
    c.on('exit', (status) => {
      clearTimeout(t);
      resolve({ status, stdout, stderr });
    });
  });
}

async function uploadAndWait(rt: Runtime, onJob?: (j: Job, rt: Runtime) => void): Promise<Job> {
  const dl = path.join(base, 'downloads');
  const job = await rt.jobs.create({ paths: [photos], downloadDir: dl });
  if (onJob) rt.jobs.subscribe((e) => e.type === 'job:state' && onJob(e.job, rt));
  await rt.jobs.whenIdle();
  return rt.jobs.get(job.id)!;
}

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sb-flow-'));
  photos = path.join(base, 'My Scan ü');
  await makePhotoSet(photos, { count: 10, bytesEach: 1_200_000, seed: 42 });
  stub = await startCloudStub({
    tokens: [{ token: TOKEN }],
    schedule: { startedAfterMs: 30, doneAfterMs: 80 },
  });
  const rt = await runtime();
  const job = await uploadAndWait(rt);
  await rt.close();
  expect(job.state).toBe('done');
  cleanZipHash = await sha(await stub.assembledZipPath(job.projectName));
});

afterAll(async () => {
  await stub?.close();
  await rm(base, { recursive: true, force: true });
});

function expectOneCleanProject(job: Job) {
  const p = stub.state.projects.get(job.projectName)!;
  expect(p.createCount).toBe(1);
  expect(p.startCount).toBe(1);
  expect(p.status).toBe('processing done');
  const projectsOfRun = [...stub.state.projects.values()].filter(
    (x) => x.createdAt >= Date.parse(job.createdAt) - 5,
  );
  expect(projectsOfRun.map((x) => x.name)).toEqual([job.projectName]);
}

describe('cloud flow against the stub', () => {
  it('a clean run: 6 parts, the zip passes unzip -t, the model is downloaded and extracted', async () => {
    const rt = await runtime();
    const job = await uploadAndWait(rt);
    await rt.close();
    expect(job.state).toBe('done');
    expect(job.error).toBeUndefined();
    const p = stub.state.projects.get(job.projectName)!;
    expect(p.parts).toBe(Math.ceil(p.filesize / PART));
    expect(p.parts).toBeGreaterThanOrEqual(6);
    // Parts arrive in parallel (the short last part can land before a full one): order them by index
    // before asking that every part but the last is full.
    const byIndex = [...p.received.values()].sort((a, b) => a.index - b.index);
    expect(byIndex.map((r) => r.index)).toEqual(Array.from({ length: p.parts }, (_, i) => i + 1));
    expect(byIndex.slice(0, -1).every((r) => r.size === PART)).toBe(true);
    expect(byIndex.at(-1)!.size).toBeLessThanOrEqual(PART);
    const zip = await stub.assembledZipPath(job.projectName);
    expect(p.filesize).toBe((await readFile(zip)).length);
    expect(await sha(zip)).toBe(cleanZipHash); // deterministic: the same bytes on every run
    if (hasTool('unzip', ['-v'])) {
      const t = spawnSync('unzip', ['-t', zip], { encoding: 'utf8' });
      expect(t.status, t.stdout + t.stderr).toBe(0);
      expect(t.stdout).toContain('No errors detected');
    }
    expect((await readdir(job.result!.folder!)).sort()).toEqual(['model.mtl', 'model.obj', 'texture.png']);
  });

  it('30% of uploads cut mid-body', async () => {
    stub.setFaults({ uploadCutRate: 0.3, seed: 7 });
    const rt = await runtime();
    const job = await uploadAndWait(rt);
    await rt.close();
    stub.setFaults({ uploadCutRate: 0 });
    expect(job.state).toBe('done');
    expect(await sha(await stub.assembledZipPath(job.projectName))).toBe(cleanZipHash);
    expectOneCleanProject(job);
  });

  it('a burst of 5xx answers with HTML pages', async () => {
    stub.setFaults({ serverErrorBurst: 4 });
    const rt = await runtime();
    const job = await uploadAndWait(rt);
    await rt.close();
    expect(job.state).toBe('done');
    expect(await sha(await stub.assembledZipPath(job.projectName))).toBe(cleanZipHash);
    expectOneCleanProject(job);
  });

  it('uploads that stall longer than the idle timeout', async () => {
    stub.setFaults({ stallMs: 2500 });
    const rt = await runtime();
    let n = 0;
    const job = await uploadAndWait(rt, (j) => {
      // Let a couple of parts stall, then the network "recovers".
      if (j.state === 'uploading' && n++ === 0) setTimeout(() => stub.setFaults({ stallMs: 0 }), 2000);
    });
    await rt.close();
    stub.setFaults({ stallMs: 0 });
    expect(job.state).toBe('done');
    expect(await sha(await stub.assembledZipPath(job.projectName))).toBe(cleanZipHash);
    expectOneCleanProject(job);
  });

  it('links expiring in the middle of the upload are renewed', async () => {
    const rt = await runtime({ uploadOverrides: { concurrency: 1, partSize: PART } });
    let expired = false;
    const off = rt.jobs.subscribe((e) => {
      if (!expired && e.type === 'job:progress' && e.progress.partsDone >= 2) {
        expired = true;
        stub.expireLinksNow();
      }
    });
    const job = await uploadAndWait(rt);
    off();
    await rt.close();
    expect(expired).toBe(true);
    expect(job.state).toBe('done');
    expect(await sha(await stub.assembledZipPath(job.projectName))).toBe(cleanZipHash);
    expectOneCleanProject(job);
  });

  it('the CLI killed with SIGKILL mid-upload, then `scanbridge resume`', async () => {
    const dataDir = await mkdtemp(path.join(base, 'kill-'));
    stub.setFaults({ latencyMs: 150 });
    const cli = path.resolve('main/cli/bin.mjs');
    const child = spawn(
      process.execPath,
      [
        cli,
        '--endpoint',
        stub.url,
        '--data-dir',
        dataDir,
        'upload',
        photos,
        '--part-size',
        String(PART),
        '--concurrency',
        '1',
        '--json',
        '--download',
        path.join(base, 'kill-dl'),
      ],
      { env: { ...process.env, SCANBRIDGE_TOKEN: TOKEN }, stdio: 'ignore' },
    );
    // Wait until the journal shows some but not all parts confirmed, then kill -9.
    const jobsDir = path.join(dataDir, 'jobs');
    let confirmed = 0;
    for (let i = 0; i < 400 && confirmed < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const files = await readdir(jobsDir).catch(() => [] as string[]);
      for (const f of files.filter((x) => x.endsWith('.json'))) {
        // The record and its progress log, as a resume will read them.
        const rec = await readJournalRecord(path.join(jobsDir, f)).catch(() => undefined);
        confirmed = Object.keys((rec?.handle as { confirmed?: object } | undefined)?.confirmed ?? {}).length;
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    stub.setFaults({ latencyMs: 0 });
    expect(confirmed).toBeGreaterThanOrEqual(2);
    expect(confirmed).toBeLessThan(7);

    // Async: the stub lives in this process, so a blocking spawnSync would starve it.
    const resumeRun = await runNode(
      [cli, '--endpoint', stub.url, '--data-dir', dataDir, 'resume', '--wait', '--json'],
      {
        ...process.env,
        SCANBRIDGE_TOKEN: TOKEN,
      },
    );
    expect(resumeRun.status, `${resumeRun.stdout}\n${resumeRun.stderr}`).toBe(0);
    const out = JSON.parse(resumeRun.stdout);
    expect(out.state).toBe('done');
    const p = stub.state.projects.get(out.project)!;
    expect(p.createCount).toBe(1);
    expect(p.startCount).toBe(1);
    expect(await sha(await stub.assembledZipPath(out.project))).toBe(cleanZipHash);
    // Only the unconfirmed parts were sent again.
    const uploads = stub.state.requests.filter(
      (r) => r.endpoint === 'upload' && r.project === out.project && r.status === 200,
    );
    expect(uploads.length).toBeLessThanOrEqual(p.parts + 1);
    // The token never reached the journal.
    for (const f of await readdir(jobsDir))
      expect(await readFile(path.join(jobsDir, f), 'utf8')).not.toContain(TOKEN);
  });
});
