/**
 * Each case of issue 13, played by the hostile server against a real job (the runtime the CLI and
 * the app use, over real HTTP). Per case: the exit code the CLI gives for the outcome (from the one
 * table), the time to fail (≤ 60 s for a permanent failure), what is left on disk, no raw control
 * byte in anything we print or journal, and the token in no form in any output or file.
 *
 * Core-level on purpose (the CLI is being rebuilt in parallel): `runCase` is the one place to switch
 * to the compiled CLI as a child process once its runner lands.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../error-table.js';
import type { Job } from './types.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { secretForms } from '../redact.js';
import { openRuntime } from '../runtime.js';
import { hasControl } from '../sanitize.js';
import {
  startHostileServer,
  type HostileCase,
  type HostileServer,
} from '../../../server-stub/hostile/index.js';

// A token with characters that change under URL encoding, base64 and JSON escaping.
const TOKEN = 'Tk+/hostile=token"7f';
let base: string;
let photos: string;
let server: HostileServer;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sb-hostile-'));
  photos = path.join(base, 'scan');
  await makePhotoSet(photos, { count: 4, bytesEach: 300_000, seed: 5 });
  server = await startHostileServer({ tokens: [{ token: TOKEN }] });
});
afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

interface Outcome {
  job: Job;
  exit: number;
  ms: number;
  output: string;
  files: string[];
  dataText: string;
  downloads: string;
  dataDir: string;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (d.isFile()) out.push(path.join(d.parentPath, d.name));
  return out;
}

/** Runs one upload job against the hostile server; the one place that knows how a job is run. */
async function runCase(c: HostileCase | undefined, failureBudgetMs = 4_000): Promise<Outcome> {
  server.setCase(c);
  const dataDir = await mkdtemp(path.join(base, 'data-'));
  const downloads = await mkdtemp(path.join(base, 'dl-'));
  const lines: string[] = [];
  const rt = await openRuntime({
    dataDir,
    tokenOverride: TOKEN,
    endpointOverride: server.url,
    uploadOverrides: { concurrency: 2, partSize: 1_048_576 },
    uploadTuning: {
      connectTimeoutMs: 1000,
      idleTimeoutMs: 1000,
      replyTimeoutMs: 1000,
      retryBaseMs: 20,
      retryMaxMs: 200,
    },
    poll: { firstMs: 20, maxMs: 100 },
    stepRetry: { retries: 3, baseMs: 20, maxMs: 100 },
    failureBudgetMs,
    log: (l) => lines.push(l),
  });
  rt.jobs.subscribe((e) => {
    if (e.type === 'job:log') lines.push(e.message);
    if (e.type === 'job:state' && e.job.error) lines.push(JSON.stringify(e.job.error));
  });
  const started = Date.now();
  const created = await rt.jobs.create({ paths: [photos], downloadDir: downloads });
  await rt.jobs.whenIdle();
  const ms = Date.now() - started;
  const job = rt.jobs.get(created.id)!;
  await rt.close();
  const exit = job.state === 'done' ? 0 : exitCodeFor(job.error?.code);
  const files = await listFiles(downloads);
  let dataText = '';
  for (const f of await listFiles(dataDir)) dataText += await readFile(f, 'utf8').catch(() => '');
  return { job, exit, ms, output: lines.join('\n'), files, dataText, downloads, dataDir };
}

function expectClean(o: Outcome) {
  expect(hasControl(o.output), 'a raw control byte in the output').toBe(false);
  expect(hasControl(JSON.stringify(o.job)), 'a raw control byte in the job').toBe(false);
  for (const form of secretForms(TOKEN)) {
    expect(o.output.toLowerCase()).not.toContain(form.toLowerCase());
    expect(o.dataText.toLowerCase()).not.toContain(form.toLowerCase());
  }
}

describe('a hostile OpenScan Cloud', () => {
  it('baseline: the proxy passes a clean job through', async () => {
    const o = await runCase(undefined);
    expect(o.job.error).toBeUndefined();
    expect(o.job.state).toBe('done');
    expect(o.files.map((f) => path.basename(f)).sort()).toEqual(['model.mtl', 'model.obj', 'texture.png']);
    expectClean(o);
  });

  it.each<[HostileCase, string]>([
    ['download-redirect-loop', 'BAD_RESPONSE'],
    ['download-file-redirect', 'BAD_RESPONSE'],
    ['download-404', 'NOT_FOUND'],
    ['overlapping-zip', 'UNSAFE_ARCHIVE'],
  ])('%s: permanent, fails at once with exit 7, leaves nothing behind', async (c, code) => {
    const o = await runCase(c);
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe(code);
    expect(o.job.error?.retryable).toBe(false);
    expect(o.exit).toBe(7);
    expect(o.ms).toBeLessThan(60_000);
    expect(server.counts.download).toBeLessThanOrEqual(6); // one try, a few hops: no retry loop
    expect(o.files).toEqual([]);
    expect(await readdir(o.downloads)).toEqual([]); // no project folder, no zip, no .part
    expectClean(o);
  });

  it('download-endless: a result without Content-Length is stopped at the cap, nothing kept', async () => {
    // 20 GB would take minutes over loopback: the cap is the user's setting, so set it low.
    const dataDir = await mkdtemp(path.join(base, 'cap-'));
    const { openSettingsStore } = await import('../settings/index.js');
    openSettingsStore({ dir: dataDir }).update({ downloadCapGB: 0.005 });
    server.setCase('download-endless');
    const downloads = await mkdtemp(path.join(base, 'dl-'));
    const rt = await openRuntime({
      dataDir,
      tokenOverride: TOKEN,
      endpointOverride: server.url,
      poll: { firstMs: 20, maxMs: 100 },
      failureBudgetMs: 4_000,
    });
    const started = Date.now();
    const j = await rt.jobs.create({ paths: [photos], downloadDir: downloads });
    await rt.jobs.whenIdle();
    const job = rt.jobs.get(j.id)!;
    await rt.close();
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/download cap/);
    expect(exitCodeFor(job.error?.code)).toBe(7);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await readdir(downloads)).toEqual([]);
  });

  it.each<[HostileCase, string]>([
    ['api-500', 'SERVER'],
    ['upload-500', 'SERVER'],
    ['upload-silent', 'TIMEOUT'],
  ])('%s: transient, bounded by the failure budget, exit 5 and resumable', async (c, code) => {
    const budget = 3_000;
    const o = await runCase(c, budget);
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe(code);
    expect(o.job.error?.retryable).toBe(true); // `resume` continues it
    expect(o.exit).toBe(5);
    // The budget, plus one try still in flight and the client's own short retries at start.
    expect(o.ms).toBeLessThan(budget + 15_000);
    // No nested loops: the old 6 tries × 5 rounds = 30 POSTs per part cannot happen in this budget.
    if (c === 'upload-500') expect(server.counts.upload).toBeLessThan(30);
    expectClean(o);
  });

  it('status-escapes: no escape sequence or forged line reaches any output', async () => {
    const o = await runCase('status-escapes');
    // The status says "error", so the job rightly reads it as a failed run — on one sanitised line.
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe('PROCESSING_FAILED');
    expect(o.exit).toBe(7);
    expect(o.output).toContain('processing error: your token was sent to evil.example');
    expect(o.output.split('\n').some((l) => l.startsWith('error: your token'))).toBe(false);
    expectClean(o);
  });

  it('echo-token: a server echoing the token URL-encoded does not get it printed', async () => {
    const o = await runCase('echo-token');
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe('INVALID_TOKEN');
    expect(o.exit).toBe(3);
    expect(o.output).toMatch(/\*\*\*/);
    expectClean(o);
  });

  it('forgets-project: reported as such (exit 7, not 6), and Retry starts it again as a new project', async () => {
    const o = await runCase('forgets-project');
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe('PROJECT_NOT_FOUND');
    expect(o.job.error?.message).toMatch(/no longer knows the project/);
    expect(o.exit).toBe(7);
    expect(o.ms).toBeLessThan(60_000);
    expectClean(o);

    // Retry (the UI's button, `scanbridge retry`): a new project from the original photos.
    server.setCase(undefined);
    const rt = await openRuntime({
      dataDir: o.dataDir,
      tokenOverride: TOKEN,
      endpointOverride: server.url,
      poll: { firstMs: 20, maxMs: 100 },
    });
    await rt.jobs.resumeAll();
    await rt.jobs.retry(o.job.id);
    await rt.jobs.whenIdle();
    const again = rt.jobs.get(o.job.id)!;
    await rt.close();
    expect(again.error).toBeUndefined();
    expect(again.state).toBe('done');
    expect(again.projectName).not.toBe(o.job.projectName);
    expect(server.stub.state.projects.get(again.projectName)?.createCount).toBe(1);
  });
});
