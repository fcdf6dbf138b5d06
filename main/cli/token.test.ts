/** `scanbridge token …` against the cloud stub: exit 3 for token trouble, the prompt without echo. */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFixture, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli, runCliTty } from './testing/run-cli.js';

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

async function filesUnder(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true });
  const texts = await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8').catch(() => '')));
  return texts.join('\n');
}

describe('scanbridge token', () => {
  it('info: masked token, credit and limits; --json shape', async () => {
    const dataDir = await f.dataDir();
    const r = await runCli(['--endpoint', f.stub.url, '--json', 'token', 'info'], {
      dataDir,
      env: { SCANBRIDGE_TOKEN: TOKEN },
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      credit: expect.any(Number),
      limit_photos: 1000,
      limit_filesize: 2_000_000_000,
    });
    expect(out.token).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('no token at all exits 3; an unknown token exits 3', async () => {
    const none = await runCli(['--endpoint', f.stub.url, 'token', 'info'], { dataDir: await f.dataDir() });
    expect(none.code, none.stderr).toBe(3);
    expect(none.stderr).toMatch(/^error: No OpenScan Cloud token is set\./m);
    const wrong = await runCli(['--endpoint', f.stub.url, 'token', 'info'], {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: 'not-a-known-token-123' },
    });
    expect(wrong.code, wrong.stderr).toBe(3);
    expect(wrong.stderr).not.toContain('not-a-known-token-123');
  });

  it('set - reads stdin, checks and saves; the saved token is used next time and is not in settings', async () => {
    const dataDir = await f.dataDir();
    const set = await runCli(['--endpoint', f.stub.url, 'token', 'set', '-'], {
      dataDir,
      stdin: `  ${TOKEN}\n`,
    });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Saved token/);
    expect(set.stdout).not.toContain(TOKEN);
    const info = await runCli(['--endpoint', f.stub.url, 'token', 'info'], { dataDir });
    expect(info.code, info.stderr).toBe(0);
    expect(await readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '')).not.toContain(TOKEN);
    const bad = await runCli(['--endpoint', f.stub.url, 'token', 'set', '-'], {
      dataDir,
      stdin: 'wrong-token-xyz\n',
    });
    expect(bad.code).toBe(3);
    // The wrong token did not replace the good one.
    expect((await runCli(['--endpoint', f.stub.url, 'token', 'info'], { dataDir })).code).toBe(0);
  });

  it('set on a terminal asks, with echo off: the token never appears on the screen', async () => {
    const dataDir = await f.dataDir();
    const r = await runCliTty(['--endpoint', f.stub.url, 'token', 'set'], {
      dataDir,
      steps: [{ waitFor: /token \(input hidden\): /i, send: `${TOKEN}\r` }],
    });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/OpenScan token \(input hidden\): /);
    expect(r.output).toMatch(/Saved token/);
    expect(r.output).not.toContain(TOKEN);
    expect(await filesUnder(dataDir)).not.toContain(`"${TOKEN}"`);
    expect((await runCli(['--endpoint', f.stub.url, 'token', 'info'], { dataDir })).code).toBe(0);
  });

  it('clear removes the saved token (then exit 3)', async () => {
    const dataDir = await f.dataDir();
    await runCli(['--endpoint', f.stub.url, 'token', 'set', TOKEN], { dataDir });
    expect((await runCli(['token', 'clear'], { dataDir })).code).toBe(0);
    expect((await runCli(['--endpoint', f.stub.url, 'token', 'info'], { dataDir })).code).toBe(3);
  });
});
