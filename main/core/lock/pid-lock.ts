/**
 * One process per data folder (and per watch folder). The lock file holds the owner's pid; a lock
 * whose process is gone (crash, kill -9, reboot) is taken over at once, so a restart after a crash
 * never has to wait for a staleness timeout. Same-machine semantics, which is what a desktop app,
 * a CLI and a rig's watcher need.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import os from 'node:os';

export class LockBusyError extends Error {
  constructor(readonly pid: number) {
    super(`locked by process ${pid}`);
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Takes the lock at `file`; returns its release. Throws LockBusyError when a live process holds it. */
export async function acquirePidLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o600);
      await fh.writeFile(
        JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }),
      );
      await fh.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(file).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = 0;
      let host = os.hostname();
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as { pid?: number; host?: string };
        owner = Number(parsed.pid);
        host = parsed.host ?? host;
      } catch {
        // Half-written or garbage: the writer died before finishing. Treat as stale.
      }
      if (host === os.hostname() && alive(owner)) throw new LockBusyError(owner);
      if (host !== os.hostname() && owner > 0) throw new LockBusyError(owner);
      await unlink(file).catch(() => undefined);
    }
  }
  throw new LockBusyError(0);
}
