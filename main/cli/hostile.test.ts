/**
 * Each case of issue 13, played by the hostile server (server-stub/hostile) against the BUILT
 * `scanbridge` command as a child process, the way a person or a script runs it. Per case: the exit
 * code, the time to fail (≤ 60 s for a permanent failure), the bytes written and that nothing is left
 * behind, no raw control byte on stdout or stderr, and the token in no form (literal, URL-encoded,
 * base64 at any alignment, JSON-escaped, any case) in any output or in any file the command wrote.
 * Timings are shortened through the environment (SCANBRIDGE_FAILURE_BUDGET_MS, SCANBRIDGE_NET_TUNING).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileCase, type HostileServer } from '../../server-stub/hostile/index.js';
import { makePhotoSet } from '../core/photos/testing/make-set.js';
import { secretForms } from '../core/redact.js';
import { hasControl } from '../core/sanitize.js';
import { openSettingsStore } from '../core/settings/index.js';
import { runCli, runCliTty, type CliRun } from './testing/run-cli.js';

// A token with characters that change under URL encoding, base64 and JSON escaping.
const TOKEN = 'Tk+/hostile=token"7f';
const TUNING = JSON.stringify({
  upload: {
    connectTimeoutMs: 1000,
    idleTimeoutMs: 1000,
    replyTimeoutMs: 1000,
    retryBaseMs: 20,
    retryMaxMs: 200,
  },
  poll: { firstMs: 20, maxMs: 100 },
  stepRetry: { retries: 3, baseMs: 20, maxMs: 100 },
});
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

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (d.isFile()) out.push(path.join(d.parentPath, d.name));
  return out;
}

async function bytesUnder(dir: string): Promise<number> {
  let n = 0;
  for (const f of await listFiles(dir)) n += (await stat(f)).size;
  return n;
}

interface Outcome {
  run: CliRun;
  /** The command's --json summary of the job. */
  job: {
    jobId: string;
    project: string;
    state: string;
    error: { code: string; message: string; retryable: boolean } | null;
  };
  ms: number;
  /** Files left in the download folder, and their bytes. */
  files: string[];
  downloadBytes: number;
  /** Everything the command wrote to its data folder (journal, settings, logs), as text. */
  dataText: string;
  downloads: string;
  dataDir: string;
}

const env = (budgetMs: number) => ({
  SCANBRIDGE_TOKEN: TOKEN,
  SCANBRIDGE_FAILURE_BUDGET_MS: String(budgetMs),
  SCANBRIDGE_NET_TUNING: TUNING,
});

/** `scanbridge --json upload <photos> --download <dir>` against the hostile server in case `c`. */
async function runCase(
  c: HostileCase | undefined,
  o: { budgetMs?: number; dataDir?: string } = {},
): Promise<Outcome> {
  server.setCase(c);
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(base, 'data-')));
  const downloads = await mkdtemp(path.join(base, 'dl-'));
  const started = Date.now();
  const run = await runCli(
    [
      '--endpoint',
      server.url,
      '--json',
      'upload',
      photos,
      '--part-size',
      '1048576',
      '--concurrency',
      '2',
      '--download',
      downloads,
    ],
    { dataDir, env: env(o.budgetMs ?? 4_000) },
  );
  const ms = Date.now() - started;
  let dataText = '';
  for (const f of await listFiles(dataDir)) dataText += await readFile(f, 'utf8').catch(() => '');
  const files = await listFiles(downloads);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  let job: Outcome['job'];
  try {
    job = JSON.parse(line) as Outcome['job'];
  } catch {
    throw new Error(`no JSON summary on stdout (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { run, job, ms, files, downloadBytes: await bytesUnder(downloads), dataText, downloads, dataDir };
}

/** No raw control byte on either stream; the token in no form in any output or written file. */
async function expectClean(o: Outcome) {
  expect(hasControl(o.run.stdout), `a raw control byte on stdout: ${JSON.stringify(o.run.stdout)}`).toBe(
    false,
  );
  expect(hasControl(o.run.stderr), `a raw control byte on stderr: ${JSON.stringify(o.run.stderr)}`).toBe(
    false,
  );
  let written = o.dataText;
  for (const f of o.files) written += (await readFile(f)).toString('latin1');
  for (const form of secretForms(TOKEN)) {
    const f = form.toLowerCase();
    expect(o.run.stdout.toLowerCase(), `the token (${form}) on stdout`).not.toContain(f);
    expect(o.run.stderr.toLowerCase(), `the token (${form}) on stderr`).not.toContain(f);
    expect(written.toLowerCase(), `the token (${form}) in a file`).not.toContain(f);
  }
}

describe('scanbridge against a hostile OpenScan Cloud', () => {
  it('baseline: the proxy passes a clean job through (exit 0, the model on disk)', async () => {
    const o = await runCase(undefined);
    expect(o.run.code, o.run.stderr).toBe(0);
    expect(o.job.error).toBeNull();
    expect(o.job.state).toBe('done');
    expect(o.files.map((f) => path.basename(f)).sort()).toEqual(['model.mtl', 'model.obj', 'texture.png']);
    expect(o.downloadBytes).toBeGreaterThan(0);
    await expectClean(o);
  });

  it.each<[HostileCase, string]>([
    ['download-redirect-loop', 'BAD_RESPONSE'],
    ['download-file-redirect', 'BAD_RESPONSE'],
    ['download-404', 'NOT_FOUND'],
    ['overlapping-zip', 'UNSAFE_ARCHIVE'],
  ])('%s: permanent, fails at once with exit 7, writes and leaves nothing', async (c, code) => {
    const o = await runCase(c);
    expect(o.run.code, o.run.stderr).toBe(7);
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe(code);
    expect(o.job.error?.retryable).toBe(false);
    expect(o.ms).toBeLessThan(60_000);
    expect(server.counts.download).toBeLessThanOrEqual(6); // one try, a few hops: no retry loop
    expect(o.files).toEqual([]);
    expect(o.downloadBytes).toBe(0);
    expect(await readdir(o.downloads)).toEqual([]); // no project folder, no zip, no .part
    await expectClean(o);
  });

  it('download-endless: a result without Content-Length is stopped at the cap, exit 7, nothing kept', async () => {
    // 20 GB would take minutes over loopback: the cap is the user's setting, so set it low (5 MB).
    const dataDir = await mkdtemp(path.join(base, 'cap-'));
    openSettingsStore({ dir: dataDir }).update({ downloadCapGB: 0.005 });
    const o = await runCase('download-endless', { dataDir });
    expect(o.run.code, o.run.stderr).toBe(7);
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.message).toMatch(/download cap/);
    expect(o.ms).toBeLessThan(60_000);
    expect(o.downloadBytes).toBe(0);
    expect(await readdir(o.downloads)).toEqual([]);
    expect(await bytesUnder(dataDir)).toBeLessThan(1_000_000); // no half download parked elsewhere
    await expectClean(o);
  });

  it('download-endless through `scanbridge download`: the same cap, exit 7, nothing kept', async () => {
    const dataDir = await mkdtemp(path.join(base, 'cap-dl-'));
    openSettingsStore({ dir: dataDir }).update({ downloadCapGB: 0.005 });
    server.setCase(undefined);
    const up = await runCli(['--endpoint', server.url, '--json', 'upload', photos, '--wait'], {
      dataDir,
      env: env(4_000),
    });
    expect(up.code, up.stderr).toBe(0);
    const { project } = JSON.parse(up.stdout.trim().split('\n').pop() ?? '') as { project: string };
    server.setCase('download-endless');
    const target = await mkdtemp(path.join(base, 'dl-'));
    const started = Date.now();
    const r = await runCli(['--endpoint', server.url, 'download', project, target], {
      dataDir,
      env: env(4_000),
    });
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr).toMatch(/download cap/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await readdir(target)).toEqual([]);
    expect(hasControl(`${r.stdout}${r.stderr}`)).toBe(false);
  });

  it.each<[HostileCase, string]>([
    ['api-500', 'SERVER'],
    ['upload-500', 'SERVER'],
    ['upload-silent', 'TIMEOUT'],
  ])('%s: transient, bounded by the failure budget, exit 5 and resumable', async (c, code) => {
    const budgetMs = 3_000;
    const o = await runCase(c, { budgetMs });
    expect(o.run.code, o.run.stderr).toBe(5);
    expect(o.job.state).toBe('failed');
    expect(o.job.error?.code).toBe(code);
    expect(o.job.error?.retryable).toBe(true); // `resume` continues it
    // The budget, plus one try still in flight, the client's short retries at start and start-up.
    expect(o.ms).toBeLessThan(budgetMs + 20_000);
    // No nested loops: the old 6 tries × 5 rounds = 30 POSTs per part cannot happen in this budget.
    if (c === 'upload-500') expect(server.counts.upload).toBeLessThan(30);
    expect(o.downloadBytes).toBe(0);
    await expectClean(o);
  });

  it('status-escapes: no escape sequence or forged line reaches stdout or stderr', async () => {
    const o = await runCase('status-escapes');
    // The status says "error", so the job rightly reads it as a failed run — on one sanitised line.
    expect(o.run.code, o.run.stderr).toBe(7);
    expect(o.job.error?.code).toBe('PROCESSING_FAILED');
    const all = `${o.run.stdout}\n${o.run.stderr}`;
    expect(all).toContain('error: your token was sent to evil.example');
    expect(all.split('\n').some((l) => l.startsWith('error: your token'))).toBe(false);
    await expectClean(o);
  });

  it('echo-token: a server echoing the token URL-encoded does not get it printed (exit 3)', async () => {
    const o = await runCase('echo-token');
    expect(o.run.code, o.run.stderr).toBe(3);
    expect(o.job.error?.code).toBe('INVALID_TOKEN');
    expect(`${o.run.stdout}${o.run.stderr}`).toMatch(/\*\*\*/);
    await expectClean(o);
  });

  it('forgets-project: reported as such (exit 7, not 6); resume says what next; retry says the credit, asks, then starts a new project', async () => {
    const o = await runCase('forgets-project');
    expect(o.run.code, o.run.stderr).toBe(7);
    expect(o.job.error?.code).toBe('PROJECT_NOT_FOUND');
    expect(o.job.error?.message).toMatch(/no longer knows the project/);
    expect(o.ms).toBeLessThan(60_000);
    await expectClean(o);
    server.setCase(undefined);
    const opts = { dataDir: o.dataDir, env: env(4_000) };

    // resume cannot continue it, and says so with what will: retry as a new project.
    const resume = await runCli(['--endpoint', server.url, 'resume'], opts);
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.stderr).toContain(`${o.job.project} (${o.job.jobId})`);
    expect(resume.stderr).toMatch(/next: The cloud no longer knows .*new project.*credit/);
    expect(resume.stderr).toContain(`scanbridge retry ${o.job.jobId}`);
    expect(resume.stderr).not.toContain('every job has finished');

    // retry from a script without --yes: the cost is said, nothing starts (exit 2).
    const projects = server.stub.state.projects.size;
    const asked = await runCli(['--endpoint', server.url, 'retry', o.job.jobId], opts);
    expect(asked.code, asked.stderr).toBe(2);
    expect(asked.stderr).toMatch(/new project; it uses 1\.\d+ MB of credit \(your token has .* left\)/);
    expect(asked.stderr).toContain('add --yes');
    expect(server.stub.state.projects.size).toBe(projects);

    // On a terminal it asks; "n" starts nothing (exit 130).
    const no = await runCliTty(['--endpoint', server.url, 'retry', o.job.jobId], {
      ...opts,
      steps: [{ waitFor: /\[y\/N\]/, send: 'n\r' }],
    });
    expect(no.code, no.output).toBe(130);
    expect(no.output).toContain('Nothing was started');
    expect(server.stub.state.projects.size).toBe(projects);

    // --yes: a new project from the original photos, run to the end.
    const yes = await runCli(
      ['--endpoint', server.url, '--json', 'retry', o.job.jobId, '--yes', '--wait'],
      opts,
    );
    expect(yes.code, yes.stderr).toBe(0);
    const again = JSON.parse(yes.stdout.trim().split('\n').pop() ?? '') as Outcome['job'];
    expect(again).toMatchObject({ jobId: o.job.jobId, state: 'done', error: null });
    expect(again.project).not.toBe(o.job.project);
    expect(server.stub.state.projects.get(again.project)?.createCount).toBe(1);
    // Piped runs carry no control byte at all (the terminal run has our own colours and the echo).
    for (const r of [resume, asked, yes]) expect(hasControl(`${r.stdout}${r.stderr}`)).toBe(false);
    for (const r of [resume, asked, no, yes])
      for (const form of secretForms(TOKEN))
        expect(`${r.stdout}${r.stderr}`.toLowerCase()).not.toContain(form.toLowerCase());
  });
});
