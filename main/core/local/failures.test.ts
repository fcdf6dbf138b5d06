/**
 * Bad input and interruptions, each with the message a person sees: COLMAP missing / not
 * executable / unknown version, too few or unreadable photos, a set that does not reconstruct,
 * cancel in the middle of each COLMAP stage (no process left, workspace consistent).
 */
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InvalidInputError, ToolError } from '../errors.js';
import { hasTool } from '../testing/require-tool.js';
import { findColmap, parseColmapHelp } from './find-colmap.js';
import { reconstruct, type ReconstructProgress } from './pipeline.js';
import { processesMentioning, tempDir, writeNoiseImages } from './testing/fixtures.js';
import { generateSyntheticSet } from './testing/synth.js';

const has = hasTool('colmap', ['-h']);
let root: string;

beforeAll(async () => {
  root = await tempDir();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('finding COLMAP', () => {
  it('says clearly when COLMAP is nowhere to be found', async () => {
    const empty = path.join(root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    const err = await findColmap({ env: { PATH: empty } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/COLMAP was not found/);
    expect((err as ToolError).hint).toMatch(/Settings/);
  });

  it('rejects a settings path that does not exist instead of silently using another COLMAP', async () => {
    const err = await findColmap({ settingsPath: path.join(root, 'nope', 'colmap') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/does not exist/);
  });

  it.skipIf(process.platform === 'win32')('reports a file that is not executable', async () => {
    const f = path.join(root, 'colmap-noexec');
    await writeFile(f, '#!/bin/sh\necho "COLMAP 3.8"\n');
    await chmod(f, 0o644);
    const err = await findColmap({ settingsPath: f }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/not executable/);
  });

  it.skipIf(process.platform === 'win32')('refuses a COLMAP version it does not know', async () => {
    const f = path.join(root, 'colmap-old');
    await writeFile(
      f,
      '#!/bin/sh\necho "COLMAP 2.1 -- Structure-from-Motion (Commit x on y without CUDA)"\n',
    );
    await chmod(f, 0o755);
    const err = await findColmap({ settingsPath: f }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/COLMAP 2\.1 .* version ScanBridge does not know/);
    const silent = path.join(root, 'not-colmap');
    await writeFile(silent, '#!/bin/sh\necho hello\n');
    await chmod(silent, 0o755);
    await expect(findColmap({ settingsPath: silent })).rejects.toThrow(/did not say which COLMAP version/);
  });

  it('reads version and CUDA from the help banner', () => {
    expect(
      parseColmapHelp('COLMAP 3.8 -- Structure-from-Motion\n (Commit Unknown on Unknown without CUDA)'),
    ).toEqual({ version: '3.8', cuda: false });
    expect(
      parseColmapHelp('COLMAP 3.9.1 -- Structure-from-Motion\n (Commit 1 on 2024-01-01 with CUDA)'),
    ).toEqual({ version: '3.9.1', cuda: true });
    expect(parseColmapHelp('usage: something else')).toBeUndefined();
  });

  it.skipIf(!has)(
    "probes this machine's COLMAP: version, no CUDA, no CGAL, and says what it can do",
    async () => {
      const info = await findColmap();
      expect(info.source).toBe('path');
      expect(info.version).toMatch(/^3\.\d+/);
      expect(info.cuda).toBe(false);
      expect(info.cgal).toBe(false);
      expect(info.capabilities).toMatch(/rough mesh; a detailed mesh needs an NVIDIA GPU or the cloud/);
    },
  );
});

describe('bad photo sets', () => {
  it.skipIf(!has)('needs at least 3 readable photos and says how many could be read', async () => {
    const dir = path.join(root, 'too few');
    const set = await generateSyntheticSet({ dir, views: 30, only: 2, width: 160, height: 120 });
    await writeFile(path.join(dir, 'broken.png'), 'this is not a PNG');
    const err = await reconstruct({
      images: dir,
      workspace: path.join(root, 'ws-few'),
    }).catch((e: unknown) => e);
    expect(set.views).toHaveLength(2);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toMatch(/at least 3 readable photos; only 2 of 3 could be read/);
  });

  it.skipIf(!has)(
    'fails with an actionable message when nothing registers (0 images placed)',
    async () => {
      const dir = path.join(root, 'noise');
      await mkdir(dir, { recursive: true });
      await writeNoiseImages(dir, 4);
      const ws = path.join(root, 'ws-noise');
      const err = await reconstruct({
        images: dir,
        workspace: ws,
        mesh: 'none',
        matcher: 'exhaustive',
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).message).toMatch(/could not place any of the 4 photos/);
      expect((err as ToolError).hint).toMatch(/overlap/);
      expect(await readFile(path.join(ws, 'logs', 'match.log'), 'utf8')).toMatch(
        /Exhaustive feature matching/,
      );
      // The stages before the failure are done and marked; the failed one is not.
      expect((await readdir(path.join(ws, 'stages'))).sort()).toEqual([
        'extract.json',
        'match.json',
        'prepare.json',
      ]);
    },
    180_000,
  );
});

describe.skipIf(!has)('cancel', () => {
  let images: string;
  beforeAll(async () => {
    images = path.join(root, 'cancel set');
    await generateSyntheticSet({ dir: images, views: 30, only: 12, width: 480, height: 360 });
  });

  for (const target of ['extract', 'match', 'map'] as const) {
    it(`during ${target}: stops COLMAP's whole process tree and keeps the finished stages`, async () => {
      const ws = path.join(root, `ws cancel ${target}`);
      const ac = new AbortController();
      let stage = '';
      const seen: ReconstructProgress[] = [];
      const err = await reconstruct({
        images,
        workspace: ws,
        signal: ac.signal,
        onProgress: (p) => {
          stage = p.stage;
          seen.push(p);
        },
        // The first line COLMAP prints in the target stage: the process is running now.
        onLog: () => {
          if (stage === target && !ac.signal.aborted) ac.abort();
        },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CancelledError);
      expect(seen.some((p) => p.stage === target)).toBe(true);
      expect(await processesMentioning(ws)).toEqual([]);
      const marked = (await readdir(path.join(ws, 'stages'))).sort();
      const before = {
        extract: ['prepare.json'],
        match: ['extract.json', 'prepare.json'],
        map: ['extract.json', 'match.json', 'prepare.json'],
      }[target];
      expect(marked).toEqual(before);
    }, 240_000);
  }
});
