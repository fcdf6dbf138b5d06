/** `scanbridge config` and the precedence flags > SCANBRIDGE_* > config > defaults; watch prints once. */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFixture, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli } from './testing/run-cli.js';

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

describe('scanbridge config', () => {
  it('set/get/list/unset, with --json shapes', async () => {
    const dataDir = await f.dataDir();
    expect((await runCli(['config', 'set', 'concurrency', '6'], { dataDir })).code).toBe(0);
    expect((await runCli(['config', 'set', 'bandwidthLimit', '2.5'], { dataDir })).code).toBe(0);
    expect((await runCli(['config', 'set', 'language', 'de'], { dataDir })).code).toBe(0);
    const get = await runCli(['config', 'get', 'concurrency'], { dataDir });
    expect(get.stdout).toBe('6\n');
    const list = JSON.parse((await runCli(['--json', 'config', 'list'], { dataDir })).stdout);
    expect(list).toMatchObject({ concurrency: 6, bandwidthLimit: 2.5, language: 'de', partSize: 'auto' });
    expect((await runCli(['config', 'unset', 'concurrency'], { dataDir })).code).toBe(0);
    expect(
      JSON.parse((await runCli(['--json', 'config', 'get', 'concurrency'], { dataDir })).stdout),
    ).toEqual({
      concurrency: 4,
    });
  });

  it('endpoint: the flag beats SCANBRIDGE_ENDPOINT, which beats config', async () => {
    const dataDir = await f.dataDir();
    const env = { SCANBRIDGE_TOKEN: TOKEN };
    const dead = 'http://127.0.0.1:9';
    expect((await runCli(['config', 'set', 'endpoint', f.stub.url], { dataDir })).code).toBe(0);
    expect((await runCli(['token', 'info'], { dataDir, env })).code).toBe(0); // config
    const viaEnv = await runCli(['token', 'info'], { dataDir, env: { ...env, SCANBRIDGE_ENDPOINT: dead } });
    expect(viaEnv.code).toBe(5); // env beats config
    const viaFlag = await runCli(['--endpoint', f.stub.url, 'token', 'info'], {
      dataDir,
      env: { ...env, SCANBRIDGE_ENDPOINT: dead },
    });
    expect(viaFlag.code, viaFlag.stderr).toBe(0); // flag beats env
  });
});

describe('scanbridge watch', () => {
  it('sends a complete scan once and prints each line once', async () => {
    const dataDir = await f.dataDir();
    const rig = path.join(f.base, 'rig');
    const scan = await f.photos('watched-scan', 3);
    await cp(scan, path.join(rig, 'scan_0001'), { recursive: true });
    const r = await runCli(['--endpoint', f.stub.url, 'watch', rig, '--existing', '--quiet', '1'], {
      dataDir,
      env: { SCANBRIDGE_TOKEN: TOKEN },
      signalWhen: { match: /: processing\b/, signal: 'SIGINT' },
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines.filter((l) => /sent as job/.test(l))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\(\)/);
    const states = lines.filter((l) => /^watched-scan|^scan-0001/.test(l));
    expect(states.length).toBeGreaterThan(1);
    expect(new Set(states).size).toBe(states.length);
  });
});
