import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanBridgeError } from '../errors.js';
import { checkRelativePath, listResultModels, readResultFile, resolveResultFile } from './result-files.js';

let dir: string;
let folder: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-results-'));
  folder = path.join(dir, 'result');
  await fs.mkdir(path.join(folder, 'textured', 'tex'), { recursive: true });
  await fs.mkdir(path.join(folder, 'sparse', '0'), { recursive: true });
  await fs.writeFile(path.join(folder, 'textured', 'model.obj'), 'mtllib model.mtl\nv 0 0 0\n');
  await fs.writeFile(path.join(folder, 'textured', 'model.mtl'), 'newmtl a\nmap_Kd tex/a.png\n');
  await fs.writeFile(path.join(folder, 'textured', 'tex', 'a.png'), Buffer.from([137, 80, 78, 71]));
  await fs.writeFile(path.join(folder, 'sparse', 'points.PLY'), 'ply\nformat ascii 1.0\nend_header\n');
  await fs.writeFile(path.join(folder, 'scene.glb'), Buffer.alloc(20));
  await fs.writeFile(path.join(folder, 'readme.txt'), 'not a model');
  await fs.writeFile(path.join(dir, 'secret.ply'), 'outside');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof ScanBridgeError ? e.code : `untyped: ${String(e)}`;
  }
  return 'no error';
};

describe('listResultModels', () => {
  it('lists the viewable models with sizes and kinds, meshes first, `/`-separated', async () => {
    const list = await listResultModels(folder);
    expect(list).toEqual([
      { path: 'scene.glb', size: 20, kind: 'glb' },
      { path: 'textured/model.obj', size: 25, kind: 'obj' },
      { path: 'sparse/points.PLY', size: 32, kind: 'ply' },
    ]);
  });

  it('does not follow a symlinked folder out of the result', async () => {
    await fs.symlink(dir, path.join(folder, 'escape'));
    const list = await listResultModels(folder);
    expect(list.map((m) => m.path)).not.toContain('escape/secret.ply');
    expect(list).toHaveLength(3);
  });

  it('is empty for a folder that does not exist', async () => {
    expect(await listResultModels(path.join(dir, 'nope'))).toEqual([]);
  });
});

describe('confinement', () => {
  it('reads a file inside, including through a nested relative path', async () => {
    const bytes = await readResultFile(folder, 'textured/tex/a.png');
    expect(bytes).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(bytes)]).toEqual([137, 80, 78, 71]);
    expect(new TextDecoder().decode(await readResultFile(folder, 'textured\\model.mtl'))).toContain('map_Kd');
  });

  it('refuses .., absolute paths, drive letters and NUL before touching the disk', () => {
    for (const bad of [
      '../secret.ply',
      'textured/../../secret.ply',
      '/etc/passwd',
      'C:\\x.ply',
      'a\0b',
      '',
      '.',
    ]) {
      expect(() => checkRelativePath(bad), bad).toThrow(/result folder|not valid/);
    }
    expect(checkRelativePath('./textured//model.obj')).toBe('textured/model.obj');
  });

  it('refuses a symlink whose target lies outside the folder', async () => {
    await fs.symlink(path.join(dir, 'secret.ply'), path.join(folder, 'link.ply'));
    expect(await code(readResultFile(folder, 'link.ply'))).toBe('INVALID_INPUT');
    await fs.symlink(dir, path.join(folder, 'up'));
    expect(await code(resolveResultFile(folder, 'up/secret.ply'))).toBe('INVALID_INPUT');
  });

  it('allows a symlink that stays inside the folder', async () => {
    await fs.symlink(path.join(folder, 'scene.glb'), path.join(folder, 'alias.glb'));
    expect((await resolveResultFile(folder, 'alias.glb')).size).toBe(20);
  });

  it('says NOT_FOUND for a missing file or a folder, and LIMIT_EXCEEDED above the cap', async () => {
    expect(await code(readResultFile(folder, 'missing.ply'))).toBe('NOT_FOUND');
    expect(await code(readResultFile(folder, 'textured'))).toBe('NOT_FOUND');
    await expect(resolveResultFile(folder, 'scene.glb', 10)).rejects.toThrow(/preview opens files up to/);
    expect(await code(resolveResultFile(folder, 'scene.glb', 10))).toBe('LIMIT_EXCEEDED');
  });
});
