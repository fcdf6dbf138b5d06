import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemFindDeps } from '../core/apps/system.js';
import { createResultOpener, type OpenerShell } from './result-opener.js';

let dir: string;
let bin: string;
let out: string;

/** A stand-in "meshlab"/"blender" on PATH that writes the arguments it got, one per line. */
async function fakeProgram(name: string, mode = 0o755): Promise<void> {
  const script = `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${out}.${name}"\n`;
  await fs.writeFile(path.join(bin, name), script, { mode });
}

async function readWhenWritten(file: string): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text?.endsWith('\n')) return text.slice(0, -1).split('\n');
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${file} was never written`);
}

function recordingShell(calls: string[], openPathError = ''): OpenerShell {
  return {
    openPath: async (p) => (calls.push(`openPath ${p}`), openPathError),
    showItemInFolder: (p) => void calls.push(`showItemInFolder ${p}`),
  };
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-opener-'));
  bin = path.join(dir, 'bin');
  out = path.join(dir, 'args');
  await fs.mkdir(bin);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const opener = (calls: string[], openPathError = '') =>
  createResultOpener({
    shell: recordingShell(calls, openPathError),
    spawn,
    find: { ...systemFindDeps(), platform: 'linux', env: { PATH: bin, HOME: dir } },
  });

describe.skipIf(process.platform === 'win32')('result opener', () => {
  it('lists the system default and the viewers found on PATH', async () => {
    expect((await opener([]).viewerApps()).map((a) => a.id)).toEqual(['default']);
    await fakeProgram('meshlab');
    await fakeProgram('blender');
    expect(await opener([]).viewerApps()).toEqual([
      { id: 'default', name: 'System default' },
      { id: 'meshlab', name: 'MeshLab' },
      { id: 'blender', name: 'Blender' },
    ]);
  });

  it('starts MeshLab and Blender with the file as one argument, no shell in between', async () => {
    await fakeProgram('meshlab');
    await fakeProgram('blender');
    const o = opener([]);
    const file = path.join(dir, 'my "model"; $(touch pwned) `x`.ply');
    await o.openWith(file, 'meshlab');
    expect(await readWhenWritten(`${out}.meshlab`)).toEqual([file]);
    await o.openWith(file, 'blender');
    const args = await readWhenWritten(`${out}.blender`);
    expect(args[0]).toBe('--python-expr');
    expect(args.slice(-2)).toEqual(['--', file]);
    await expect(fs.access(path.join(dir, 'pwned'))).rejects.toThrow();
  });

  it('the system default goes through shell.openPath, reveal through showItemInFolder', async () => {
    const calls: string[] = [];
    await opener(calls).openWith('/r/model.ply', 'default');
    await opener(calls).reveal('/r/model.ply');
    expect(calls).toEqual(['openPath /r/model.ply', 'showItemInFolder /r/model.ply']);
    await expect(
      opener([], 'No application knows .ply').openWith('/r/model.ply', 'default'),
    ).rejects.toMatchObject({
      code: 'TOOL',
      detail: { detail: 'openFile', params: { file: '/r/model.ply' } },
    });
  });

  it('a viewer that is not installed, or will not start, is a typed TOOL error', async () => {
    await expect(opener([]).openWith('/r/model.ply', 'blender')).rejects.toMatchObject({
      code: 'TOOL',
      detail: { detail: 'appMissing', params: { app: 'blender' } },
    });
    // Found (a file on PATH) but not runnable: spawn fails with EACCES.
    await fakeProgram('meshlab', 0o644);
    const o = createResultOpener({
      shell: recordingShell([]),
      spawn,
      find: { ...systemFindDeps(), platform: 'linux', env: { PATH: bin, HOME: dir } },
    });
    await expect(o.openWith('/r/model.ply', 'meshlab')).rejects.toMatchObject({
      code: 'TOOL',
      detail: { detail: 'appStart', params: { app: 'meshlab' } },
    });
  });
});
