/**
 * The job journal: one JSON file per job, written atomically (write-file-atomic: temp file, fsync,
 * rename) BEFORE any change is announced, so a crash, kill -9 or power cut loses nothing and the next
 * start resumes from the last written state. A data folder is used by one process at a time
 * (a pid lock, taken over at once from a dead process); a second live process gets a clear error
 * instead of two uploaders racing.
 * Per-part progress does not rewrite the record: it is appended to the job's progress log
 * (journal-log.ts) and folded in at the next save; the photo list is stored once (journal-codec.ts).
 * Tokens are never written here.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { ScanBridgeError } from '../errors.js';
import { acquirePidLock, LockBusyError } from '../lock/pid-lock.js';
import { decodeRecord, encodeRecord } from './journal-codec.js';
import { appendDurably, applyPatch, logLine, patchesFor, readLog, type HandlePatch } from './journal-log.js';

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
  /** Which progress-log lines extend this record (see journal-log.ts); kept by the journal. */
  logSeq?: number;
}

const recordSchema = z.object({
  version: z.literal(1),
  job: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), state: z.string() }).passthrough(),
  request: z.object({ paths: z.array(z.string()) }).passthrough(),
  set: z.unknown().optional(),
  handle: z.unknown().optional(),
  logSeq: z.number().int().nonnegative().optional(),
});

export interface Journal {
  readonly dir: string;
  load(): Promise<{ records: JournalRecord[]; problems: string[] }>;
  save(record: JournalRecord): Promise<void>;
  /**
   * Journals a small change the caller has just made to `record.handle` (`patch` says exactly that
   * change): one line appended to the job's progress log, on disk when this resolves.
   */
  saveHandlePatch(record: JournalRecord, patch: HandlePatch): Promise<void>;
  remove(id: string): Promise<void>;
  /** Takes the data folder for this process; throws when another process holds it. */
  lock(): Promise<() => Promise<void>>;
}

export class DataDirBusyError extends ScanBridgeError<'BUSY'> {
  constructor(dir: string) {
    super('BUSY', `Another ScanBridge (app, CLI or watcher) is already using ${dir}.`, {
      hint: 'Close it first, or give this one its own folder with SCANBRIDGE_DATA_DIR.',
      detail: { detail: 'folder', params: { folder: dir } },
      retryable: true,
    });
  }
}

/**
 * One job as journaled: its record (`<id>.json`) with the lines of its progress log applied. Reads
 * only (load() sets aside what this cannot read), so it may look at a folder another process writes.
 */
export async function readJournalRecord(file: string): Promise<JournalRecord> {
  const parsed = recordSchema.parse(JSON.parse(await readFile(file, 'utf8'))) as unknown as JournalRecord;
  const rec = decodeRecord(parsed);
  if (typeof rec.handle === 'object' && rec.handle !== null) {
    const log = await readLog(file.replace(/\.json$/, '.log'));
    for (const patch of patchesFor(log, rec.logSeq ?? 0))
      applyPatch(rec.handle as Record<string, unknown>, patch);
  }
  return rec;
}

export function createJournal(dataDir: string): Journal {
  const dir = path.join(dataDir, 'jobs');
  const file = (id: string) => path.join(dir, `${id}.json`);
  const logFile = (id: string) => path.join(dir, `${id}.log`);
  // One job's writes in order: a save must not remove a log line appended after it read the record.
  const queues = new Map<string, Promise<void>>();
  const inOrder = (id: string, fn: () => Promise<void>): Promise<void> => {
    const next = (queues.get(id) ?? Promise.resolve()).then(fn);
    const tail = next.catch(() => undefined);
    queues.set(id, tail);
    void tail.then(() => {
      if (queues.get(id) === tail) queues.delete(id);
    });
    return next;
  };
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
          records.push(await readJournalRecord(p));
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
    save(record) {
      const id = record.job.id;
      return inOrder(id, async () => {
        await mkdir(dir, { recursive: true });
        // Read when its turn comes, so it holds every change whose log line was appended before.
        const seq = (record.logSeq ?? 0) + 1;
        const text = JSON.stringify({ ...encodeRecord(record), logSeq: seq });
        await writeFileAtomic(file(id), text, { fsync: true, mode: 0o600 });
        record.logSeq = seq;
        await rm(logFile(id), { force: true });
      });
    },
    saveHandlePatch(record, patch) {
      return inOrder(record.job.id, () =>
        appendDurably(logFile(record.job.id), logLine(record.logSeq ?? 0, patch)),
      );
    },
    remove(id) {
      return inOrder(id, async () => {
        await rm(file(id), { force: true });
        await rm(logFile(id), { force: true });
      });
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
