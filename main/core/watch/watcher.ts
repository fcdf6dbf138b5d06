/**
 * Watch folders for scanner rigs: a set counts as complete when a marker file appears or nothing in
 * it has changed for a quiet period (so half-written photos are never sent); each complete set
 * becomes one job, exactly once across restarts (see watch-journal). chokidar watches only the
 * folder's own entries (a new scan folder, a zip dropped in); what a pending set contains is read
 * from the disk on each tick, so a missed or coalesced event never matters, and start-up time and
 * memory do not grow with the number of files already there.
 */
import type { LogLine } from '../log-line.js';
import { mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { InvalidInputError, ScanBridgeError } from '../errors.js';
import { acquirePidLock, LockBusyError } from '../lock/pid-lock.js';
import { isFailed } from '../../contract/job-states.js';
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
  /** What the watcher decided, as coded log lines (main/contract/log-lines.ts). */
  log?: (level: 'info' | 'warn' | 'error', line: LogLine) => void;
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
      throw new InvalidInputError(`${folder} is not a folder.`, 'Choose the folder your scanner writes to.', {
        detail: 'notFolderWatch',
        params: { path: folder },
      });
    await readdir(root);
  } catch (e) {
    if (e instanceof ScanBridgeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InvalidInputError(
        `The watch folder ${folder} does not exist.`,
        'Create it or choose another.',
        { detail: 'missing', params: { path: folder } },
      );
    if (code === 'EACCES' || code === 'EPERM')
      throw new InvalidInputError(`The watch folder ${folder} cannot be read (no permission).`, undefined, {
        detail: 'forbidden',
        params: { path: folder },
      });
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
      // First start: what is already there is the baseline, not new work (names only: no listing).
      for (const name of await readdir(root)) {
        const key = setKeyFor(root, path.join(root, name));
        if (key) data.sets[key] = { hash: '', state: 'baseline', at: now() };
      }
    }
    await saveWatchJournal(journalFile, data);
  } catch (e) {
    await release();
    throw e;
  }
  const save = () => saveWatchJournal(journalFile, data);

  /**
   * Sets not yet judged complete: when something last changed in them, and what they looked like
   * then. Only these are listed on each tick; sets already sent cost nothing.
   */
  const pending = new Map<string, { lastChange: number; lastHash?: string }>();
  const busy = new Set<string>();
  let rootMissing = false;
  let closed = false;

  const isSettled = (key: string) => {
    const st = data.sets[key]?.state;
    return st !== undefined && st !== 'submitting';
  };
  // Sets that arrived while we were not running, or were left half-submitted.
  for (const name of await readdir(root)) {
    const key = setKeyFor(root, path.join(root, name));
    if (key && !isSettled(key)) pending.set(key, { lastChange: 0 });
  }

  const onEvent = (event: string, p: string) => {
    const key = setKeyFor(root, p);
    if (!key) return;
    if (event === 'unlink' || event === 'unlinkDir') {
      pending.delete(key);
      // A removed baseline set is forgotten: a new one under the same name is new work.
      if (data.sets[key]?.state === 'baseline') {
        delete data.sets[key];
        void save();
      }
      return;
    }
    pending.set(key, { ...pending.get(key), lastChange: now() });
  };
  let fsw: FSWatcher | undefined;
  const startFs = () => {
    // Depth 0: only the root's own entries are watched (a new scan folder, a zip dropped in). What is
    // inside a pending set is read on each tick, so start-up and memory do not grow with the files.
    fsw = chokidar.watch(root, {
      ignoreInitial: true,
      persistent: true,
      depth: 0,
      ignored: (p: string) =>
        p !== root && isIgnoredName(path.basename(p)) && !markers.includes(path.basename(p)),
    });
    fsw.on('all', (event, p) => onEvent(event, p));
    fsw.on('error', (e) => log('warn', { code: 'watchError', params: { folder: root }, error: e }));
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
      log('warn', { code: 'watchSetChanged', params: { set: key } });
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
    log(
      'info',
      job.projectName
        ? { code: 'watchSetSentAs', params: { set: key, job: job.id, project: job.projectName } }
        : { code: 'watchSetSent', params: { set: key, job: job.id } },
    );
  }

  async function judge(key: string): Promise<void> {
    const fp = await fingerprintSet(root, key, markers);
    const known = data.sets[key];
    if (!fp || known?.state === 'baseline' || (known && known.hash === fp.hash && isSettled(key))) {
      pending.delete(key); // gone, the baseline, or already sent: recognised, never sent twice
      return;
    }
    const p = pending.get(key) ?? { lastChange: now() };
    if (p.lastHash !== fp.hash) {
      // First look, or it changed since: for a set found at start-up its newest file's time counts.
      p.lastChange =
        p.lastHash === undefined ? Math.max(p.lastChange, Math.min(fp.newestMtimeMs, now())) : now();
      p.lastHash = fp.hash;
      pending.set(key, p);
    }
    if (fp.files === 0) return;
    if (!fp.hasMarker && now() - p.lastChange < rule.quietMs) return;
    pending.delete(key);
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
            log('info', { code: 'watchSetDeleted', params: { set: key } });
          } else if (fp) {
            log('warn', { code: 'watchSetKept', params: { set: key } });
          }
        }
        await save();
      } else if (isFailed(job.state)) {
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
        log('info', { code: 'watchFolderBack', params: { folder: root } });
        await fsw?.close();
        await startFs();
        for (const name of await readdir(root)) {
          const key = setKeyFor(root, path.join(root, name));
          if (key && !isSettled(key)) pending.set(key, { lastChange: now() });
        }
      }
    } catch {
      if (!rootMissing) log('error', { code: 'watchFolderGone', params: { folder: root } });
      rootMissing = true;
      return;
    }
    for (const key of [...pending.keys()]) {
      if (busy.has(key) || closed) continue;
      busy.add(key);
      try {
        await judge(key);
      } catch (e) {
        log('error', { code: 'watchSetFailed', params: { set: key }, error: e });
        pending.delete(key);
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
