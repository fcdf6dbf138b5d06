import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { acquirePidLock, LockBusyError } from './pid-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('is exclusive while held and free after release', async () => {
  const file = path.join(dir, '.lock');
  const release = await acquirePidLock(file);
  expect(JSON.parse(await readFile(file, 'utf8')).pid).toBe(process.pid);
  await expect(acquirePidLock(file)).rejects.toBeInstanceOf(LockBusyError);
  await release();
  const again = await acquirePidLock(file);
  await again();
});

it('takes over at once from a process that died (kill -9) or a garbage lock file', async () => {
  const file = path.join(dir, '.lock');
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1)']);
  const pid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  await writeFile(file, JSON.stringify({ pid, host: os.hostname() }));
  const release = await acquirePidLock(file);
  expect(JSON.parse(await readFile(file, 'utf8')).pid).toBe(process.pid);
  await release();
  await writeFile(file, '{"pid": 12');
  await (
    await acquirePidLock(file)
  )();
});
