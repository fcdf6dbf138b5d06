/**
 * The CLI in the person's language, the built command against the cloud stub over real HTTP:
 * `scanbridge config set language de` makes every line German (states, the upload summary, the next
 * step, errors with their specifics), English is the default, and --json is the same in both.
 * The runner's LANG is C.UTF-8 (run-cli.ts), so the German comes from the setting alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../renderer/i18n/de.js';
import { cliFixture, TINY_TOKEN, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli } from './testing/run-cli.js';

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

async function german(): Promise<string> {
  const dataDir = await f.dataDir();
  const set = await runCli(['config', 'set', 'language', 'de'], { dataDir });
  expect(set.code, set.stderr).toBe(0);
  return dataDir;
}

/** What a run says that is the same every time (names, times and rates vary). */
const stable = (json: Record<string, unknown>) => {
  const { jobId: _j, project: _p, seconds: _s, uploadSeconds: _u, ...rest } = json;
  return rest;
};

describe('the CLI language', () => {
  it('config set language de: the upload in German; by default in English', async () => {
    const photos = await f.photos('sprache', 4);
    const args = ['--endpoint', f.stub.url, 'upload', photos, '--part-size', '1048576'];
    const deRun = await runCli(args, { dataDir: await german(), env: { SCANBRIDGE_TOKEN: TOKEN } });
    expect(deRun.code, deRun.stderr).toBe(0);
    const said = deRun.stderr;
    expect(said).toMatch(/: wird hochgeladen$/m);
    expect(said).toMatch(/: \d+(,\d+)? (MB|kB|KB) gesendet in \d+(,\d)? s \(.+\/s\)$/m);
    expect(said).toMatch(/: hochgeladen und gestartet\. Verfolgen Sie es mit: scanbridge status /m);
    // The first progress line (printed at once when piped): parts counted in German, plural by i18next.
    expect(said).toMatch(/: \d+ ?% .* · \d+ von \d+ Teilen gesendet$/m);
    expect(said).not.toMatch(/\b(uploading|sent in|uploaded and started|Follow it|parts sent)\b/);

    const enRun = await runCli(args, { dataDir: await f.dataDir(), env: { SCANBRIDGE_TOKEN: TOKEN } });
    expect(enRun.code, enRun.stderr).toBe(0);
    expect(enRun.stderr).toMatch(/: uploading$/m);
    expect(enRun.stderr).toMatch(/ sent in [\d.]+ s \(.+\/s\)$/m);
    expect(enRun.stderr).toMatch(/ · \d+ of \d+ parts sent$/m);
    expect(enRun.stderr).toMatch(/: uploaded and started\. Follow it with: scanbridge status /m);
    expect(enRun.stderr).not.toMatch(/gesendet|hochgeladen|Sie/);
  });

  it('LANG=de_DE.UTF-8 without a setting is German; config set language en wins over it', async () => {
    const photos = await f.photos('lang', 2);
    const args = ['--endpoint', f.stub.url, 'upload', photos];
    const byLang = await runCli(args, {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: TOKEN, LANG: 'de_DE.UTF-8' },
    });
    expect(byLang.code, byLang.stderr).toBe(0);
    expect(byLang.stderr).toMatch(/hochgeladen und gestartet/);
    const dataDir = await f.dataDir();
    expect((await runCli(['config', 'set', 'language', 'en'], { dataDir })).code).toBe(0);
    const english = await runCli(args, { dataDir, env: { SCANBRIDGE_TOKEN: TOKEN, LANG: 'de_DE.UTF-8' } });
    expect(english.code, english.stderr).toBe(0);
    expect(english.stderr).toMatch(/uploaded and started/);
    expect(english.stderr).not.toMatch(/hochgeladen/);
  });

  it('status, jobs and token info in German', async () => {
    const dataDir = await german();
    const photos = await f.photos('status-de', 2);
    const env = { SCANBRIDGE_TOKEN: TOKEN };
    const up = await runCli(['--endpoint', f.stub.url, '--json', 'upload', photos, '--wait'], {
      dataDir,
      env,
    });
    expect(up.code, up.stderr).toBe(0);
    const { project } = JSON.parse(up.stdout) as { project: string };
    const s = await runCli(['--endpoint', f.stub.url, 'status', project], { dataDir, env });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain(`Herunterladen: scanbridge download ${project} <Ordner>`);
    expect(s.stdout).not.toMatch(/^download:/m);
    const jobs = await runCli(['--endpoint', f.stub.url, 'jobs', '--all'], { dataDir, env });
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(jobs.stdout).toMatch(/^ID\s+NAME\s+BACKEND\s+ZUSTAND\s+FORTSCHRITT\s+ALTER\s+ERGEBNIS$/m);
    expect(jobs.stdout).toMatch(new RegExp(`${project}\\s+cloud\\s+fertig`));
    const token = await runCli(['--endpoint', f.stub.url, 'token', 'info'], { dataDir, env });
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^Guthaben: \d+(,\d+)? [kMG]B$/m);
    expect(token.stdout).toMatch(/^Grenze pro Satz: .+ Fotos$/m);
    const inEnglish = await runCli(['--endpoint', f.stub.url, 'token', 'info'], {
      dataDir: await f.dataDir(),
      env,
    });
    expect(inEnglish.stdout).toMatch(/^credit: /m);
  });

  it('a set over the token’s limit: the error and its figures in German', async () => {
    const photos = await f.photos('zu-viele', 5);
    const r = await runCli(['--endpoint', f.stub.url, 'upload', photos], {
      dataDir: await german(),
      env: { SCANBRIDGE_TOKEN: TINY_TOKEN },
    });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain(`Fehler: ${de.errors.limitExceeded}`);
    // The tiny token allows 3 photos and 1 MB: the first limit over is said with both figures.
    expect(r.stderr).toMatch(/Der Satz hat 5 Fotos; dieses Token erlaubt 3 Fotos pro Projekt\./);
    // The job log's warnings (the photo check's) are German too: every line is.
    expect(r.stderr).toMatch(/^Warnung: Nur 5 Fotos: /m);
    expect(r.stderr).not.toMatch(/\b(error|warn):|photos|limit of|failed/);
  });

  it('--json is the same whatever the language', async () => {
    const photos = await f.photos('json-same', 3);
    const args = ['--endpoint', f.stub.url, '--json', 'upload', photos, '--part-size', '1048576'];
    const env = { SCANBRIDGE_TOKEN: TOKEN };
    const inGerman = await runCli(args, { dataDir: await german(), env });
    const inEnglish = await runCli(args, { dataDir: await f.dataDir(), env });
    expect(inGerman.code, inGerman.stderr).toBe(0);
    expect(inEnglish.code, inEnglish.stderr).toBe(0);
    const a = JSON.parse(inGerman.stdout) as Record<string, unknown>;
    const b = JSON.parse(inEnglish.stdout) as Record<string, unknown>;
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(stable(a)).toEqual(stable(b));
    expect(a.state).toBe('processing');

    const over = ['--endpoint', f.stub.url, '--json', 'upload', await f.photos('json-over', 5)];
    const tiny = { SCANBRIDGE_TOKEN: TINY_TOKEN };
    const errDe = await runCli(over, { dataDir: await german(), env: tiny });
    const errEn = await runCli(over, { dataDir: await f.dataDir(), env: tiny });
    expect(errDe.code).toBe(4);
    const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(stable(lastJson(errDe.stdout))).toEqual(stable(lastJson(errEn.stdout)));
    expect(lastJson(errDe.stdout)).toMatchObject({
      error: { code: 'LIMIT_EXCEEDED', detail: 'photos', params: { count: 5, limit: 3 } },
    });
  });
});

describe('what to do next, said in the CLI language', () => {
  it('each kind of next step has its sentence in en and de; the project name is filled in', async () => {
    const { cliText } = await import('./cli-language.js');
    const { failedJobLines } = await import('./commands/next-steps.js');
    const job = {
      id: 'j1',
      projectName: 'owl-x',
      state: 'failed',
      error: { code: 'PROJECT_NOT_FOUND', message: 'gone', retryable: false },
    } as unknown as Parameters<typeof failedJobLines>[0][number];
    const [, enNext] = failedJobLines([job], await cliText('en'));
    const [, deNext] = failedJobLines([job], await cliText('de'));
    expect(enNext).toMatch(/^ {4}next: The cloud no longer knows owl-x; .* → scanbridge retry j1$/);
    expect(deNext).toMatch(/^ {4}weiter: Die Cloud kennt owl-x nicht mehr; .* → scanbridge retry j1$/);
  });
});
