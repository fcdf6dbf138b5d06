import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberPausedAtQuit, resumePausedAtQuit, takePausedAtQuit } from './paused-at-quit.js';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-paq-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('paused at quit', () => {
  it('remembers ids once', async () => {
    await rememberPausedAtQuit(dir, ['a', 'b']);
    expect(await takePausedAtQuit(dir)).toEqual(['a', 'b']);
    expect(await takePausedAtQuit(dir)).toEqual([]);
  });

  it('writes nothing for no ids and ignores a damaged file', async () => {
    await rememberPausedAtQuit(dir, []);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'paused-at-quit.json'), '{"not": "a list"');
    expect(await takePausedAtQuit(dir)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('resumes the remembered jobs that are still paused', async () => {
    await rememberPausedAtQuit(dir, ['a', 'b', 'gone']);
    const resumed: string[] = [];
    const service = {
      listJobs: async () => [
        { id: 'a', state: 'paused' },
        { id: 'b', state: 'done' },
        { id: 'c', state: 'paused' },
      ],
      resumeJob: async (id: string) => void resumed.push(id),
    };
    expect(await resumePausedAtQuit(dir, service)).toEqual(['a']);
    expect(resumed).toEqual(['a']);
    expect(await resumePausedAtQuit(dir, service)).toEqual([]);
  });
});
