/**
 * `scanbridge upload / resume / jobs / status / download` against the cloud stub over real HTTP, piped
 * and on a terminal: exit codes per outcome, --json shapes, the progress line, colours, skipped files.
 */
/* eslint-disable no-control-regex -- these tests look for terminal escape sequences on purpose */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudFacade } from '../../bench/lib/cloud-facade.js';
import { startSink } from '../core/upload/testing/sink.js';
import { BAD_NUMBERS, cliFixture, TINY_TOKEN, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli, runCliTty } from './testing/run-cli.js';

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

const env = { SCANBRIDGE_TOKEN: TOKEN };
const ESC = '\x1b[';

describe('scanbridge upload', () => {
  it('uploads and starts (exit 0); --json is one object; the stub holds the project; jobs/status see it', async () => {
    const dataDir = await f.dataDir();
    const photos = await f.photos('owl', 6);
    const r = await runCli(['--endpoint', f.stub.url, '--json', 'upload', photos, '--part-size', '1048576'], {
      dataDir,
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      backend: 'cloud',
      state: 'processing',
      photos: 6,
      folder: null,
      error: null,
    });
    expect(out.project).toMatch(/^owl-[0-9a-z]{20}$/);
    expect(out.parts).toBeGreaterThan(1);
    expect(f.stub.state.projects.get(out.project)?.startCount).toBe(1);

    const jobs = await runCli(['--json', 'jobs', '--all'], { dataDir });
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(JSON.parse(jobs.stdout)).toEqual([
      // The cloud measures no processing progress: no fraction (never the upload's leftover 1.0).
      expect.objectContaining({
        id: out.jobId,
        project: out.project,
        backend: 'cloud',
        state: 'processing',
        stage: 'processing',
        progress: null,
      }),
    ]);
    const table = await runCli(['jobs'], { dataDir });
    expect(table.stdout).toMatch(/^ID +NAME +BACKEND +STATE +PROGRESS +AGE +RESULT$/m);
    expect(table.stdout).toContain(out.project);
    const row = table.stdout.split('\n').find((l) => l.includes(out.project)) ?? '';
    expect(row).toContain('uploaded, processing');
    expect(row).not.toMatch(/\d+%/);

    const status = await runCli(['--endpoint', f.stub.url, '--json', 'status', out.project], {
      dataDir,
      env,
    });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      project: out.project,
      backend: 'cloud',
      job: { id: out.jobId },
    });
  });

  it('--wait without --download waits until done and downloads nothing; download fetches it after', async () => {
    const dataDir = await f.dataDir();
    const photos = await f.photos('bust', 4);
    const dl = path.join(f.base, 'dl-wait');
    await mkdir(dl);
    const r = await runCli(['--endpoint', f.stub.url, '--json', 'upload', photos, '--wait'], {
      dataDir,
      env: { ...env },
      cwd: dl,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe('done');
    expect(out.folder).toBeNull();
    expect(await readdir(dl)).toEqual([]);

    const d = await runCli(['--endpoint', f.stub.url, '--json', 'download', out.jobId, dl], { dataDir, env });
    expect(d.code, d.stderr).toBe(0);
    const got = JSON.parse(d.stdout);
    expect(got.folder).toBe(path.join(dl, out.project));
    expect(got.files.length).toBeGreaterThan(0);
  });

  it('--download waits, downloads and extracts', async () => {
    const dataDir = await f.dataDir();
    const photos = await f.photos('vase', 4);
    const dl = path.join(f.base, 'dl-auto');
    const r = await runCli(['--endpoint', f.stub.url, '--json', 'upload', photos, '--download', dl], {
      dataDir,
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe('done');
    expect(out.folder).toBe(path.join(dl, out.project));
    expect((await readdir(out.folder)).length).toBeGreaterThan(0);
  });

  it('reports a skipped file the same way piped and on a terminal', async () => {
    const photos = await f.photos('skip', 3);
    await writeFile(path.join(photos, 'notes.jpg'), 'this is text, not a photo');
    const piped = await runCli(['--endpoint', f.stub.url, 'upload', photos], {
      dataDir: await f.dataDir(),
      env,
    });
    expect(piped.code, piped.stderr).toBe(0);
    const line = piped.stderr.split('\n').find((l) => l.includes('notes.jpg'));
    expect(line).toBeDefined();
    const tty = await runCliTty(['--endpoint', f.stub.url, 'upload', photos], {
      dataDir: await f.dataDir(),
      env,
    });
    expect(tty.code, tty.output).toBe(0);
    const ttyLine = tty.output
      .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
      .split(/\r\n|\r|\n/)
      .find((l) => l.includes('notes.jpg'));
    expect(ttyLine?.trim()).toBe(line?.trim());
  });

  it('on a terminal: a progress line with real numbers, colours; NO_COLOR and pipes get none', async () => {
    const photos = await f.photos('progress', 12, 1_000_000);
    f.stub.setFaults({ latencyMs: 60 });
    try {
      const tty = await runCliTty(
        [
          '--endpoint',
          f.stub.url,
          'upload',
          photos,
          '--part-size',
          '1048576',
          '--concurrency',
          '2',
          '--wait',
        ],
        { dataDir: await f.dataDir(), env },
      );
      expect(tty.code, tty.output).toBe(0);
      const progress = tty.output.split('\r').filter((l) => l.startsWith('['));
      expect(progress.length).toBeGreaterThan(0);
      for (const l of progress) expect(l).not.toMatch(BAD_NUMBERS);
      expect(progress.some((l) => / of 12\.\d MB/.test(l))).toBe(true);
      // Parts go up in parallel: the line counts parts sent, never "part 1 of 12" at half way.
      expect(progress.some((l) => /\d+ of 12 parts sent/.test(l))).toBe(true);
      expect(tty.output).not.toMatch(/part \d+ of/i);
      // Once the upload has ended, no bar repeats its stale stage (the cloud measures no processing).
      const afterUpload = tty.output.slice(tty.output.indexOf(': starting'));
      expect(afterUpload.length).toBeLessThan(tty.output.length);
      expect(afterUpload).not.toMatch(/parts sent|\[-{20}\]/);
      expect(tty.output).toContain(`${ESC}32m`); // "done" in green

      const plain = await runCliTty(['--endpoint', f.stub.url, 'upload', photos, '--wait'], {
        dataDir: await f.dataDir(),
        env: { ...env, NO_COLOR: '1' },
      });
      expect(plain.code).toBe(0);
      expect(plain.output).not.toMatch(/\x1b\[[0-9;]*m/);
    } finally {
      f.stub.setFaults({ latencyMs: 0 });
    }
    const piped = await runCli(['--endpoint', f.stub.url, 'upload', photos], {
      dataDir: await f.dataDir(),
      env,
    });
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('\x1b');
    expect(piped.stderr).not.toContain('\r');
  });
});

describe('what the command prints', () => {
  it('piped: each line once, one upload summary; the job log only with --verbose', async () => {
    const photos = await f.photos('once', 6);
    const args = ['--endpoint', f.stub.url, 'upload', photos, '--part-size', '1048576', '--wait'];
    const r = await runCli(args, { dataDir: await f.dataDir(), env });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((l, i) => lines.indexOf(l) !== i)).toEqual([]);
    const summary = lines.filter((l) => / sent in [\d.]+ s \(.+\/s\)$/.test(l));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/^once-[0-9a-z]{20}: \d[\d.]* MB sent in/);
    // The state lines say it; the log's "Processing of X started." / "Status: …" would say it twice.
    expect(r.stderr).not.toMatch(/Processing of|Status: /);
    expect(r.stderr).toMatch(/: processing \(processing done\)$/m);

    const verbose = await runCli(['--verbose', ...args], { dataDir: await f.dataDir(), env });
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(verbose.stderr).toMatch(/Processing of once-[0-9a-z]{20} started\./);
  });
});

describe('exit codes', () => {
  it('4: the set is over the token limits', async () => {
    const photos = await f.photos('big', 5);
    const r = await runCli(['--endpoint', f.stub.url, 'upload', photos], {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: TINY_TOKEN },
    });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/^error: /m);
  });

  it('5: the server cannot be reached', async () => {
    // token info: the client's own short retries, then NETWORK. (An upload waits out a longer
    // outage first, ~75 s, before it pauses the job: the same code, too slow for this suite.)
    const r = await runCli(['--endpoint', 'http://127.0.0.1:9', 'token', 'info'], {
      dataDir: await f.dataDir(),
      env,
      timeoutMs: 80_000,
    });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toMatch(/^error: /m);
  });

  it('5: another ScanBridge holds the data folder; 130 on Ctrl-C; resume continues', async () => {
    const dataDir = await f.dataDir();
    const photos = await f.photos('busy', 30, 1_000_000);
    f.stub.setFaults({ latencyMs: 300 });
    let interrupt: (s: NodeJS.Signals) => void = () => undefined;
    try {
      const first = runCli(
        ['--endpoint', f.stub.url, 'upload', photos, '--part-size', '1048576', '--concurrency', '1'],
        { dataDir, env, signalOn: new Promise((r) => (interrupt = r)) },
      );
      // The first holds the lock from its start; it journals the job right after taking it.
      for (let i = 0; i < 400; i++) {
        if ((await readdir(path.join(dataDir, 'jobs')).catch(() => [])).length > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const second = await runCli(['--endpoint', f.stub.url, 'upload', photos], { dataDir, env });
      expect(second.code, second.stderr).toBe(5);
      expect(second.stderr).toMatch(/Another ScanBridge/);
      interrupt('SIGINT');
      const r1 = await first;
      expect(r1.code, r1.stderr).toBe(130);
      expect(r1.stderr).toMatch(/scanbridge resume/);
    } finally {
      interrupt('SIGKILL');
      f.stub.setFaults({ latencyMs: 0 });
    }
    // 130 paused the job; resume finishes it and prints only what is new.
    const resumed = await runCli(['--endpoint', f.stub.url, '--json', 'resume'], { dataDir, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).state).toBe('processing');
    const again = await runCli(['--endpoint', f.stub.url, 'resume'], { dataDir, env });
    expect(again.code).toBe(0);
    expect(again.stderr.split('\n')[0]).toBe('Nothing to resume: every job has finished.');
    expect(again.stderr).toMatch(/1 still processing/);
  });

  it('6: no photos in the folder (7: a project the cloud does not know)', async () => {
    const empty = path.join(f.base, 'empty');
    await mkdir(empty, { recursive: true });
    await writeFile(path.join(empty, 'readme.txt'), 'no photos here');
    const r = await runCli(['--endpoint', f.stub.url, 'upload', empty], { dataDir: await f.dataDir(), env });
    expect(r.code, r.stderr).toBe(6);
    const s = await runCli(['download', 'no-such-job', f.base], {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_ENDPOINT: f.stub.url, ...env },
    });
    expect(s.code, s.stderr).toBe(7); // the cloud has no such project: the server's answer
    expect(s.stderr).toMatch(/^error: The cloud no longer knows/m);
  });

  it('7: the cloud says processing failed', async () => {
    const dataDir = await f.dataDir();
    const photos = await f.photos('doomed', 2);
    const r = await runCli(['--endpoint', f.stub.url, '--json', 'upload', photos], { dataDir, env });
    const { project } = JSON.parse(r.stdout);
    const p = f.stub.state.projects.get(project)!;
    p.status = 'processing failed';
    p.startedAt = undefined;
    const s = await runCli(['--endpoint', f.stub.url, 'status', project], { dataDir, env });
    expect(s.code, s.stderr).toBe(7);
    expect(s.stdout).toMatch(/processing failed/);
  });

  it('server text is printed without control characters', async () => {
    f.stub.setStatus('online\x1b[2J\x1b[31m\rEVIL\x07');
    try {
      const r = await runCli(['--endpoint', f.stub.url, 'backends'], { dataDir: await f.dataDir(), env });
      expect(r.stdout).toContain('EVIL');
      expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      // The cloud row names the address it asked (--endpoint), not the one in settings.
      expect(r.stdout).toContain(`<${f.stub.url.replace(/\/$/, '')}>`);
    } finally {
      f.stub.setStatus('online');
    }
  });
});

describe('upload replies without a checkable content hash', () => {
  it('are accepted: exit 0, said once, recorded in the job', async () => {
    const sink = await startSink({ behave: () => 'nohash' });
    const facade = await startCloudFacade(sink.url('').replace(/\/$/, ''));
    try {
      const dataDir = await f.dataDir();
      const photos = await f.photos('unverified', 6);
      const r = await runCli(['--endpoint', facade.url, 'upload', photos, '--part-size', '1048576'], {
        dataDir,
        env,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.match(/accepted unverified/g)).toHaveLength(1);
      const [file] = await readdir(path.join(dataDir, 'jobs'));
      const rec = JSON.parse(await readFile(path.join(dataDir, 'jobs', file!), 'utf8'));
      expect(rec.handle.unverified.length).toBeGreaterThan(1);
    } finally {
      await facade.close();
      await sink.close();
    }
  });
});
