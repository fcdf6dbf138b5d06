/**
 * `scanbridge check` as people run it: the built command as a child process, on real files and the
 * real COLMAP. A clean ring exits 0 with the documented JSON; photos that match nothing exit 1.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../core/testing/require-tool.js';
import { tempDir, writeNoiseImages } from '../core/local/testing/fixtures.js';
import { generateSyntheticSet } from '../core/local/testing/synth.js';
import { runCli as run } from './testing/run-cli.js';

/** The check runs COLMAP: give it time on a loaded machine; its own data folder per run. */
const runCli = (args: string[], cwd: string) =>
  run(args, { cwd, dataDir: path.join(cwd, 'data'), timeoutMs: 280_000 });

const has = hasTool('colmap', ['-h']);

describe.skipIf(!has)('scanbridge check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('scanbridge-cli-check-');
  });

  it('--help documents the exit codes of the check', async () => {
    const r = await runCli(['check', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit: 0 the set looks good; 1 it is risky or will likely fail/);
    expect(r.stdout).toMatch(/--json/);
  });

  it('a clean ring: exit 0 and one JSON object with the documented keys, paths as typed', async () => {
    await generateSyntheticSet({ dir: path.join(dir, 'ring'), views: 24 });
    const r = await runCli(['--json', 'check', 'ring', '--threads', '2'], dir);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['verdict', 'seconds', 'photos', 'flagged', 'groups']),
    );
    expect(out).toMatchObject({ verdict: 'good', photos: 24, flagged: [] });
    expect(out.groups).toEqual([Array.from({ length: 24 }, (_, i) => path.join('ring', `view_${String(i).padStart(3, '0')}.png`))]); // prettier-ignore
    expect(out.seconds).toBeGreaterThan(0);
  }, 300_000);

  it('photos that match nothing: exit 1, will-fail, each photo flagged with its reason, words without --json', async () => {
    const noise = path.join(dir, 'noise');
    await mkdir(noise, { recursive: true });
    await writeNoiseImages(noise, 6);
    const r = await runCli(['--json', 'check', noise, '--threads', '2'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; flagged: { file: string; reasons: string[] }[]; groups: string[][] }; // prettier-ignore
    expect(out.verdict).toBe('will-fail');
    expect(out.groups).toHaveLength(6);
    expect(out.flagged.filter((f) => f.reasons.includes('disconnected'))).toHaveLength(5);
    expect(out.flagged.every((f) => path.isAbsolute(f.file))).toBe(true);
    const text = await runCli(['check', noise, '--threads', '2'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Will likely fail/);
    expect(text.stdout).toMatch(/Only 6 photos: a model usually needs at least 20\./);
  }, 300_000);
});
