/**
 * Watch folders for scanner rigs: a set counts as complete when a marker file appears or nothing in
 * it has changed for a quiet period (so half-written photos are never sent); each complete set
 * becomes one job, exactly once across restarts (see watch-journal). chokidar only says *that*
 * something changed; what a set contains is read from the disk when it is judged, so a missed or
 * coalesced event never matters and memory does not grow with the number of files.
 */
import { mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { InvalidInputError, ScanBridgeError } from '../errors.js';
import { acquirePidLock, LockBusyError } from '../lock/pid-lock.js';
import type { BackendKind, JobManager } from '../jobs/types.js';
import { makeProjectName } from '../names/project-name.js';
import { DEFAULT_MARKERS, fingerprintSet, isIgnoredName, setKeyFor } from './set-layout.js';
import {
  loadWatchJournal,
  saveWatchJournal,
  watchJournalPath,
  type WatchEntry,
  type WatchJournalData,
} from './watch-journal.js';

export interface WatchRule {
  folder: string;
  backend: BackendKind;
  profile?: string | undefined;
  /** Readable project-name prefix; default: the set's folder or zip name. */
  namePrefix?: string | undefined;
  /** What to do with a set once its job is done. */
  after: 'keep' | 'delete';
  /** Nothing changed for this long → the set is complete. */
  quietMs: number;
  markers?: string[] | undefined;
  /** On the very first start, also send the sets already there (default: only new ones). */
  processExisting?: boolean | undefined;
}

export interface WatchDeps {
  jobs: JobManager;
  dataDir: string;
  now?: () => number;
  intervalMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface Watcher {
  readonly root: string;
  /** The sets known so far and what became of them. */
  sets(): Record<string, WatchEntry>;
  /** Runs one evaluation now (tests, and after wake-up). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export class WatchFolderBusyError extends ScanBridgeError {
  constructor(root: string) {
    super('INVALID_INPUT', `Another ScanBridge is already watching ${root}.`, {
      hint: 'Stop the other watcher first: two would send every set twice.',
    });
  }
}

async function resolveRoot(folder: string): Promise<string> {
  let root: string;
  try {
    root = await realpath(folder);
    const st = await stat(root);
    if (!st.isDirectory())
      throw new InvalidInputError(`${folder} is not a folder.`, 'Choose the folder your scanner writes to.');
    await readdir(root);
  } catch (e) {
    if (e instanceof ScanBridgeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InvalidInputError(
        `The watch folder ${folder} does not exist.`,
        'Create it or choose another.',
      );
    if (code === 'EACCES' || code === 'EPERM')
      throw new InvalidInputError(`The watch folder ${folder} cannot be read (no permission).`);
    throw e;
  }
  return root;
}

export async function startWatcher(rule: WatchRule, deps: WatchDeps): Promise<Watcher> {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const markers = rule.markers ?? DEFAULT_MARKERS;
  const root = await resolveRoot(rule.folder);
  const journalFile = watchJournalPath(deps.dataDir, root);

  let release: () => Promise<void>;
  await mkdir(path.dirname(journalFile), { recursive: true });
  try {
    release = await acquirePidLock(`${journalFile}.lock`);
  } catch (e) {
    if (e instanceof LockBusyError) throw new WatchFolderBusyError(root);
    throw e;
  }

  let data: WatchJournalData;
  try {
    const loaded = await loadWatchJournal(journalFile);
    data = loaded ?? { version: 1, root, createdAt: now(), sets: {} };
    if (!loaded && !rule.processExisting) {
      // First start: what is already there is the baseline, not new work.
      for (const name of await readdir(root)) {
        const key = setKeyFor(root, path.join(root, name));
        if (!key) continue;
        const fp = await fingerprintSet(root, key, markers);
        if (fp) data.sets[key] = { hash: fp.hash, state: 'baseline', at: now() };
      }
    }
    await saveWatchJournal(journalFile, data);
  } catch (e) {
    await release();
    throw e;
  }
  const save = () => saveWatchJournal(journalFile, data);

  /** key → time of the last change we heard of. */
  const dirty = new Map<string, number>();
  const busy = new Set<string>();
  let rootMissing = false;
  let closed = false;

  // Sets that arrived while we were not running, or were left half-submitted.
  for (const name of await readdir(root)) {
    const key = setKeyFor(root, path.join(root, name));
    if (key && data.sets[key]?.state !== 'baseline') dirty.set(key, 0);
  }

  const onPath = (p: string) => {
    const key = setKeyFor(root, p);
    if (key) dirty.set(key, now());
  };
  let fsw: FSWatcher | undefined;
  const startFs = () => {
    fsw = chokidar.watch(root, {
      ignoreInitial: true,
      persistent: true,
      ignored: (p: string) =>
        p !== root && isIgnoredName(path.basename(p)) && !markers.includes(path.basename(p)),
    });
    fsw.on('all', (_event, p) => onPath(p));
    fsw.on('error', (e) => log('warn', `Watching ${root}: ${(e as Error).message}`));
    const w = fsw;
    return new Promise<void>((resolve) => w.once('ready', () => resolve()));
  };
  await startFs();

  async function submit(key: string, hash: string): Promise<void> {
    const full = path.join(root, key);
    const prior = data.sets[key];
    if (prior && prior.state === 'submitting' && prior.hash === hash) {
      // We crashed between journaling and creating: was the job created?
      const found = deps.jobs
        .list()
        .find((j) => j.source.paths[0] === full && Date.parse(j.createdAt) >= prior.at - 1000);
      if (found) {
        data.sets[key] = { ...prior, state: 'submitted', jobId: found.id };
        await save();
        return;
      }
    } else if (prior && prior.hash !== hash && prior.state !== 'baseline') {
      log('warn', `${key} changed after it was sent; sending it again as a new project.`);
    }
    data.sets[key] = { hash, state: 'submitting', at: now() };
    await save();
    const prefix = rule.namePrefix ? `${rule.namePrefix}-${key}` : key.replace(/\.zip$/i, '');
    const job = await deps.jobs.create({
      paths: [full],
      backend: rule.backend,
      profile: rule.profile,
      name: makeProjectName(prefix),
    });
    data.sets[key] = { hash, state: 'submitted', jobId: job.id, at: now() };
    await save();
    log('info', `${key}: complete, sent as job ${job.id} (${job.projectName}).`);
  }

  async function judge(key: string, lastEvent: number): Promise<void> {
    const fp = await fingerprintSet(root, key, markers);
    if (!fp) {
      dirty.delete(key);
      return;
    }
    const known = data.sets[key];
    if (known && known.hash === fp.hash && known.state !== 'submitting') {
      dirty.delete(key); // already sent (or the baseline): recognised, never sent twice
      return;
    }
    if (fp.files === 0) return;
    const quietSince = Math.max(lastEvent, Math.min(fp.newestMtimeMs, now()));
    if (!fp.hasMarker && now() - quietSince < rule.quietMs) return;
    dirty.delete(key);
    await submit(key, fp.hash);
  }

  async function followJobs(): Promise<void> {
    for (const [key, entry] of Object.entries(data.sets)) {
      if (entry.state !== 'submitted' || !entry.jobId) continue;
      const job = deps.jobs.get(entry.jobId);
      if (!job) continue;
      if (job.state === 'done') {
        data.sets[key] = { ...entry, state: 'done', at: now() };
        if (rule.after === 'delete') {
          const fp = await fingerprintSet(root, key, markers);
          if (fp && fp.hash === entry.hash) {
            await rm(path.join(root, key), { recursive: true, force: true });
            data.sets[key] = { ...entry, state: 'deleted', at: now() };
            log('info', `${key}: done; deleted as the rule asks.`);
          } else if (fp) {
            log('warn', `${key}: done, but it changed since it was sent, so it was kept.`);
          }
        }
        await save();
      } else if (job.state === 'failed' || job.state === 'cancelled') {
        data.sets[key] = { ...entry, state: 'failed', at: now(), message: job.error?.message };
        await save();
      }
    }
  }

  let ticking: Promise<void> | undefined;
  async function tickOnce(): Promise<void> {
    try {
      await stat(root);
      if (rootMissing) {
        rootMissing = false;
        log('info', `The watch folder ${root} is back; watching again.`);
        await fsw?.close();
        await startFs();
        for (const name of await readdir(root)) {
          const key = setKeyFor(root, path.join(root, name));
          if (key) dirty.set(key, now());
        }
      }
    } catch {
      if (!rootMissing)
        log(
          'error',
          `The watch folder ${root} is gone (deleted, renamed or unmounted). Waiting for it to come back.`,
        );
      rootMissing = true;
      return;
    }
    for (const [key, at] of [...dirty]) {
      if (busy.has(key) || closed) continue;
      busy.add(key);
      try {
        await judge(key, at);
      } catch (e) {
        log('error', `${key}: ${(e as Error).message}`);
        dirty.delete(key);
      } finally {
        busy.delete(key);
      }
    }
    await followJobs();
  }
  const tick = () => {
    ticking ??= tickOnce().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };
  const timer = setInterval(() => void tick(), deps.intervalMs ?? 1000);
  timer.unref?.();

  return {
    root,
    sets: () => structuredClone(data.sets),
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await ticking;
      await fsw?.close();
      await release().catch(() => undefined);
    },
  };
}
