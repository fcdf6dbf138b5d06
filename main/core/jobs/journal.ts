/**
 * The job journal: one JSON file per job, written atomically (write-file-atomic: temp file, fsync,
 * rename) BEFORE any change is announced, so a crash, kill -9 or power cut loses nothing and the next
 * start resumes from the last written state. A data folder is used by one process at a time
 * (a pid lock, taken over at once from a dead process); a second live process gets a clear error
 * instead of two uploaders racing.
 * Tokens are never written here.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { ScanBridgeError } from '../errors.js';
import { acquirePidLock, LockBusyError } from '../lock/pid-lock.js';

import type { Job, NewJobRequest } from './types.js';
import type { PhotoSet } from '../photos/set.js';

export interface JournalRecord {
  version: 1;
  job: Job;
  request: NewJobRequest;
  /** The scanned set, fixed when the job began (sizes and mtimes are checked again when sent). */
  set?: PhotoSet | undefined;
  /** The backend's resume state (project name, links, confirmed parts…). */
  handle?: unknown;
}

const recordSchema = z.object({
  version: z.literal(1),
  job: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), state: z.string() }).passthrough(),
  request: z.object({ paths: z.array(z.string()) }).passthrough(),
  set: z.unknown().optional(),
  handle: z.unknown().optional(),
});

export interface Journal {
  readonly dir: string;
  load(): Promise<{ records: JournalRecord[]; problems: string[] }>;
  save(record: JournalRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Takes the data folder for this process; throws when another process holds it. */
  lock(): Promise<() => Promise<void>>;
}

export class DataDirBusyError extends ScanBridgeError {
  constructor(dir: string) {
    super('BUSY', `Another ScanBridge (app, CLI or watcher) is already using ${dir}.`, {
      hint: 'Close it first, or give this one its own folder with SCANBRIDGE_DATA_DIR.',
      retryable: true,
    });
  }
}

export function createJournal(dataDir: string): Journal {
  const dir = path.join(dataDir, 'jobs');
  const file = (id: string) => path.join(dir, `${id}.json`);
  return {
    dir,
    async load() {
      await mkdir(dir, { recursive: true });
      const records: JournalRecord[] = [];
      const problems: string[] = [];
      for (const name of (await readdir(dir)).sort()) {
        if (!name.endsWith('.json')) continue;
        const p = path.join(dir, name);
        try {
          const parsed = recordSchema.parse(JSON.parse(await readFile(p, 'utf8')));
          records.push(parsed as unknown as JournalRecord);
        } catch (e) {
          // A damaged record is set aside, never deleted, and never stops the others from loading.
          await rename(p, `${p}.damaged`).catch(() => undefined);
          problems.push(
            `Job record ${name} could not be read and was set aside (${(e as Error).message.slice(0, 120)}).`,
          );
        }
      }
      records.sort((a, b) => a.job.createdAt.localeCompare(b.job.createdAt));
      return { records, problems };
    },
    async save(record) {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(file(record.job.id), JSON.stringify(record), { fsync: true, mode: 0o600 });
    },
    async remove(id) {
      await rm(file(id), { force: true });
    },
    async lock() {
      await mkdir(dataDir, { recursive: true });
      try {
        return await acquirePidLock(path.join(dataDir, '.lock'));
      } catch (e) {
        if (e instanceof LockBusyError) throw new DataDirBusyError(dataDir);
        throw e;
      }
    },
  };
}
