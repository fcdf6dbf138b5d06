/** The command itself: version, help, usage errors (exit 2), start-up without a network. */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('scanbridge basics', () => {
  it('--version prints the package version and nothing else', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(r.stderr).toBe('');
  });

  it('--help lists every command and the exit-code table', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of [
      'upload',
      'resume',
      'jobs',
      'status',
      'download',
      'config',
      'profiles',
      'token',
      'watch',
      'reconstruct',
      'backends',
    ])
      expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    for (const code of ['2', '3', '4', '5', '6', '7', '130'])
      expect(r.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });

  it.each([
    [['--nope']],
    [['upload']],
    [['frobnicate']],
    [[]],
    [['upload', '--concurrency', '0', 'x']],
    [['upload', '--concurrency', 'lots', 'x']],
    [['upload', '--part-size', '-5', 'x']],
    [['upload', '--backend', 'mars', 'x']],
    [['upload', '--option', 'no-equals-sign', 'x']],
    [['config', 'set', 'concurrency', 'many']],
    [['config', 'set', 'concurrency', '0']],
    [['config', 'get', 'favouriteColour']],
    [['config', 'set', 'endpoint', 'ftp://example.com']],
    [['profiles', 'add', 'n1']],
  ])('wrong usage %j exits 2 with a message on stderr', async (args) => {
    const r = await runCli(args as string[], {
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'sb-cli-usage-')),
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/error|Usage/);
    expect(r.stdout).toBe('');
  });
});
