/**
 * One scan and one zip plan per upload, and the plan kept in the journal: the scanner and the planner
 * are the runtime's ports (the real photos/scan.ts and pack/plan.ts, counted), the cloud is the stub
 * over real HTTP. A job stopped mid-upload resumes in a new runtime from its journaled plan without
 * planning again, also when its record was written by the version that kept only the plan's inputs.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { choosePartSize, planZip } from '../pack/plan.js';
import type { ZipPlan } from '../pack/types.js';
import { scanSources } from '../photos/scan.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { createServiceFromRuntime } from '../service/from-runtime.js';
import { readJournalRecord } from './journal.js';
import type { Job } from './types.js';

const TOKEN = 'set-once-token-4d1e';
const PART = 2_000_000;
let base: string;
let photos: string;
let stub: CloudStub;

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** A runtime whose scanner and planner are the real ones, counted. */
async function countingRuntime(dataDir: string, partSize = PART) {
  const calls = { scans: 0, plans: 0 };
  const rt = await openRuntime({
    dataDir,
    tokenOverride: TOKEN,
    endpointOverride: stub.url,
    uploadOverrides: { concurrency: 1, partSize },
    uploadTuning: { retries: 4, retryBaseMs: 20, retryMaxMs: 100 },
    poll: { firstMs: 20, maxMs: 100 },
    stepRetry: { retries: 3, baseMs: 50, maxMs: 200 },
    scanner: (paths, o) => (calls.scans++, scanSources(paths, o)),
    planner: (entries, o) => (calls.plans++, planZip(entries, o)),
  });
  // Results go to the test's folder: the default is the user's ~/Downloads/ScanBridge.
  rt.settings.update({ downloadDir: path.join(base, 'dl') });
  return { rt, calls };
}

async function finished(rt: Runtime, id: string): Promise<Job> {
  await rt.jobs.whenIdle();
  return rt.jobs.get(id)!;
}

/** Starts an upload and closes the runtime (as a quit does) once the first part is confirmed. */
async function stoppedMidUpload(dataDir: string): Promise<{ id: string; partCount: number }> {
  stub.setFaults({ latencyMs: 200 });
  const { rt } = await countingRuntime(dataDir);
  const job = await rt.jobs.create({ paths: [photos], downloadDir: path.join(base, 'dl') });
  await new Promise<void>((resolve) => {
    const off = rt.jobs.subscribe((e) => {
      if (e.type === 'job:progress' && e.jobId === job.id && e.progress.partsDone >= 1) {
        off();
        resolve();
      }
    });
  });
  await rt.close();
  stub.setFaults({ latencyMs: 0 });
  const rec = await journaled(dataDir, job.id);
  const partCount = (rec.handle.plan as ZipPlan).parts.length;
  expect(Object.keys(rec.handle.confirmed).length).toBeLessThan(partCount);
  return { id: job.id, partCount };
}

const journalFile = (dataDir: string, id: string) => path.join(dataDir, 'jobs', `${id}.json`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the journal as a resume reads it (record + progress log)
const journaled = async (dataDir: string, id: string): Promise<any> =>
  readJournalRecord(journalFile(dataDir, id));

let cleanZipHash: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sb-set-once-'));
  photos = path.join(base, 'scan');
  await makePhotoSet(photos, { count: 10, bytesEach: 1_200_000, seed: 11 });
  stub = await startCloudStub({
    tokens: [{ token: TOKEN }],
    schedule: { startedAfterMs: 30, doneAfterMs: 80 },
  });
  // The zip of an uninterrupted run: every resumed run must end with these very bytes.
  const { rt } = await countingRuntime(await mkdtemp(path.join(base, 'data-')));
  const job = await rt.jobs.create({ paths: [photos], downloadDir: path.join(base, 'dl') });
  const done = await finished(rt, job.id);
  await rt.close();
  cleanZipHash = await sha(await stub.assembledZipPath(done.projectName));
});

afterAll(async () => {
  await stub?.close();
  await rm(base, { recursive: true, force: true });
});

describe('the set from scan to upload', () => {
  it('an upload scans its set once and plans its zip once', async () => {
    const { rt, calls } = await countingRuntime(await mkdtemp(path.join(base, 'data-')));
    const job = await rt.jobs.create({ paths: [photos], downloadDir: path.join(base, 'dl') });
    const done = await finished(rt, job.id);
    await rt.close();
    expect(done.state).toBe('done');
    expect(calls).toEqual({ scans: 1, plans: 1 });
    const p = stub.state.projects.get(done.projectName)!;
    expect(p.parts).toBe(Math.ceil(p.filesize / PART));
    expect(await sha(await stub.assembledZipPath(done.projectName))).toBe(cleanZipHash);
  });

  it("a job made from a review takes the review's scan: one scan, one plan", async () => {
    const { rt, calls } = await countingRuntime(await mkdtemp(path.join(base, 'data-')));
    const svc = createServiceFromRuntime(rt, { mode: 'web', version: 'test' });
    const review = await svc.scanPaths([photos]);
    expect(calls).toEqual({ scans: 1, plans: 0 });
    const job = await svc.createJob({ paths: review.paths, scanId: review.scanId, backend: 'cloud' });
    const done = await finished(rt, job.id);
    await rt.close();
    expect(done.state).toBe('done');
    expect(done.source.photoCount).toBe(10);
    expect(calls).toEqual({ scans: 1, plans: 1 });
    expect(await sha(await stub.assembledZipPath(done.projectName))).toBe(cleanZipHash);
  });

  it("a review with photos left out: the rest of the review's set is sent, still one scan", async () => {
    const { rt, calls } = await countingRuntime(await mkdtemp(path.join(base, 'data-')));
    const svc = createServiceFromRuntime(rt, { mode: 'web', version: 'test' });
    const review = await svc.scanPaths([photos]);
    const left = review.photos.slice(0, 2);
    const job = await svc.createJob({
      paths: review.paths,
      scanId: review.scanId,
      exclude: { scanId: review.scanId, photoIds: left.map((p) => p.id) },
      backend: 'cloud',
    });
    const done = await finished(rt, job.id);
    await rt.close();
    expect(done.state).toBe('done');
    expect(calls).toEqual({ scans: 1, plans: 1 });
    expect(done.source.photoCount).toBe(8);
    const sent = stub.state.projects.get(done.projectName)!;
    expect(sent.photos).toBe(8);
    expect(done.source.totalBytes).toBe(review.totalBytes - left.reduce((n, p) => n + p.size, 0));
  });

  it('a zip review with photos left out: the zip sent holds the rest, and a fresh scan leaves them out too', async () => {
    const zipPath = path.join(base, 'scan.zip');
    const z = new yazl.ZipFile();
    for (const f of (await readdir(photos)).sort())
      z.addFile(path.join(photos, f), `scan/${f}`, { compress: false });
    z.end();
    const chunks: Buffer[] = [];
    for await (const c of z.outputStream) chunks.push(c as Buffer);
    await writeFile(zipPath, Buffer.concat(chunks));
    const { rt, calls } = await countingRuntime(await mkdtemp(path.join(base, 'data-')));
    const svc = createServiceFromRuntime(rt, { mode: 'web', version: 'test' });
    const review = await svc.scanPaths([zipPath]);
    const left = [review.photos[1]!, review.photos[6]!];
    const job = await svc.createJob({
      paths: review.paths,
      scanId: review.scanId,
      exclude: { scanId: review.scanId, photoIds: left.map((p) => p.id) },
      backend: 'cloud',
    });
    const done = await finished(rt, job.id);
    expect(done.state).toBe('done');
    expect(calls).toEqual({ scans: 1, plans: 1 });
    const kept = review.photos
      .filter((p) => !left.includes(p))
      .map((p) => p.displayPath.replace(/^.*[/›] ?/, ''));
    const sentNames = (name: string) =>
      stub.state.projects
        .get(name)!
        .files!.map((f) => path.basename(f))
        .sort();
    expect(sentNames(done.projectName)).toEqual(kept.sort());
    // A job that has to scan the zip itself (as a retry as a new project does) leaves them out as well.
    const again = await rt.jobs.create({ paths: [zipPath], leaveOut: left.map((p) => p.displayPath), downloadDir: path.join(base, 'dl') }); // prettier-ignore
    const done2 = await finished(rt, again.id);
    await rt.close();
    expect(calls.scans).toBe(2);
    expect(done2.source.photoCount).toBe(8);
    expect(sentNames(done2.projectName)).toEqual(kept.sort());
  });

  it('an automatic part size follows the link: a far API (100 ms) gets the small parts a cut costs little with', async () => {
    stub.setFaults({ latencyMs: 100 });
    const { rt } = await countingRuntime(await mkdtemp(path.join(base, 'data-')), 0);
    const job = await rt.jobs.create({ paths: [photos], downloadDir: path.join(base, 'dl') });
    const done = await finished(rt, job.id);
    await rt.close();
    stub.setFaults({ latencyMs: 0 });
    expect(done.state).toBe('done');
    const p = stub.state.projects.get(done.projectName)!;
    const total = (await stat(await stub.assembledZipPath(done.projectName))).size;
    const far = choosePartSize(total, { concurrency: 1 });
    expect(far).toBeLessThan(choosePartSize(total, { concurrency: 1, near: true }));
    expect(p.parts).toBe(Math.ceil(total / far));
    expect(p.parts).toBeGreaterThan(1);
    expect(await sha(await stub.assembledZipPath(done.projectName))).toBe(cleanZipHash);
  });

  it('a job stopped mid-upload resumes from the journaled plan: no new scan, no new plan, the same zip', async () => {
    const dataDir = await mkdtemp(path.join(base, 'data-'));
    const { id, partCount } = await stoppedMidUpload(dataDir);
    // Another part size in the settings now: the job keeps the parts it was created with.
    const { rt, calls } = await countingRuntime(dataDir, 3_000_000);
    await rt.jobs.resumeAll();
    const done = await finished(rt, id);
    await rt.close();
    expect(done.state).toBe('done');
    expect(calls).toEqual({ scans: 0, plans: 0 });
    const p = stub.state.projects.get(done.projectName)!;
    expect(p.parts).toBe(partCount);
    expect(p.createCount).toBe(1);
    expect(await sha(await stub.assembledZipPath(done.projectName))).toBe(cleanZipHash);
  });

  it('a record journaled by the previous version (the plan as entries + part size) still loads and resumes', async () => {
    const dataDir = await mkdtemp(path.join(base, 'data-'));
    const { id, partCount } = await stoppedMidUpload(dataDir);
    // Rewrite the handle as the previous version wrote it: the plan's inputs and sizes, no plan.
    const rec = await journaled(dataDir, id);
    const plan = rec.handle.plan as ZipPlan;
    const { plan: _dropped, ...rest } = rec.handle;
    rec.handle = {
      ...rest,
      entries: plan.entries.map((e) => e.entry),
      partSize: plan.partSize,
      totalSize: plan.totalSize,
      partCount: plan.parts.length,
    };
    // That version had no progress log: everything in the one record.
    delete rec.logSeq;
    await writeFile(journalFile(dataDir, id), JSON.stringify(rec));
    await rm(journalFile(dataDir, id).replace(/\.json$/, '.log'), { force: true });

    const { rt, calls } = await countingRuntime(dataDir);
    await rt.jobs.resumeAll();
    const done = await finished(rt, id);
    await rt.close();
    expect(done.state).toBe('done');
    // Planned once from the old record's inputs, then journaled in the new shape.
    expect(calls).toEqual({ scans: 0, plans: 1 });
    const after = await journaled(dataDir, id);
    expect(after.handle.plan.parts).toHaveLength(partCount);
    expect(after.handle.entries).toBeUndefined();
    expect(stub.state.projects.get(done.projectName)!.createCount).toBe(1);
    expect(await sha(await stub.assembledZipPath(done.projectName))).toBe(cleanZipHash);
    expect((await readdir(path.join(dataDir, 'jobs'))).filter((f) => f.endsWith('.damaged'))).toEqual([]);
  });
});
