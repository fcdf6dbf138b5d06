/**
 * The job manager: drives each job through scan → check → create → upload → start → poll → download
 * on its backend, journaling every step before announcing it, so a restart resumes exactly where the
 * last run stopped. Progress is merged and throttled (≤ 10 events/s per job). Jobs run concurrently;
 * the upload step takes a slot (one upload at a time by default: several uploads would only share
 * the same link and all finish later).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pLimit from 'p-limit';
import {
  CancelledError,
  InvalidInputError,
  isScanBridgeError,
  LimitExceededError,
  ProcessingFailedError,
  toSerializedError,
} from '../errors.js';
import { sanitize } from '../sanitize.js';
import { createFailureBudget } from '../net/budget.js';
import { isRetryable, retry, type RetryPolicy } from '../net/retry.js';
import { abortableSleep } from '../net/sleep.js';
import type { BackendContext, BackendStatus, ProcessingBackend } from './backend.js';
import type { Journal, JournalRecord } from './journal.js';
import { applyPatch } from './journal-log.js';
import { emptyProgress, throttle } from './progress.js';
import { isFinished } from '../../contract/job-states.js';
import { withDownloadLink } from './result-link.js';
import { estimateModelReady, type ModelEstimate, type ProcessingRecord } from '../estimate/estimate.js';
import {
  type BackendKind,
  type Job,
  type JobEvent,
  type JobManager,
  type JobProgress,
  type JobState,
  type NewJobRequest,
} from './types.js';
import { leaveOutPhotos, type PhotoSet } from '../photos/set.js';

export interface ManagerDeps {
  journal: Journal;
  backend(kind: BackendKind, profile: string): ProcessingBackend;
  scan(
    paths: string[],
    signal: AbortSignal,
    log: (level: 'info' | 'warn', msg: string) => void,
  ): Promise<PhotoSet>;
  /** The project name for a new job (readable prefix + unguessable suffix). */
  makeName(req: NewJobRequest, set: PhotoSet): string;
  defaultDownloadDir: string;
  defaultProfile?: (kind: BackendKind) => string;
  poll?: { firstMs: number; maxMs: number; factor?: number };
  /**
   * How long a job may keep failing transiently (network down, 5xx, stalls) before it stops as
   * "waiting for the cloud" (failed, retryable: `resume` continues it). One clock per job run, shared
   * by every retry loop of the job and reset by any success. Default 8 min; see FAILURE_BUDGET_MS.
   */
  failureBudgetMs?: number;
  /** Retries of the create and start steps (journaled, so safe to repeat); parts and calls retry below. */
  stepRetry?: RetryPolicy;
  uploadSlots?: number;
  progressIntervalMs?: number;
  now?: () => Date;
  newId?: () => string;
  log?: (line: string) => void;
  /** The cloud's queue estimate in seconds as last fetched (for "model ready in"), when known. */
  cloudQueueSeconds?: () => number | undefined;
}

/** One job being worked on now: how to stop it, why it was stopped, and when its work has ended. */
interface RunningJob {
  controller: AbortController;
  reason?: 'pause' | 'cancel' | 'close';
  done: Promise<void>;
}

/**
 * Worst case before a job stops as "waiting for the cloud": this budget of continuous failure plus
 * the longest single try still in flight when it runs out (an upload part's reply wait, 120 s) —
 * 8 + 2 = 10 minutes. Nothing retries in a loop around another loop's give-up: each step retries once,
 * at its own level, against this one clock.
 */
export const FAILURE_BUDGET_MS = 8 * 60_000;
const STEP_RETRY: RetryPolicy = { retries: 8, baseMs: 2000, maxMs: 60_000 };

export function createJobManager(deps: ManagerDeps): JobManager & {
  whenIdle(): Promise<void>;
  record(id: string): JournalRecord | undefined;
} {
  const now = deps.now ?? (() => new Date());
  const records = new Map<string, JournalRecord>();
  const running = new Map<string, RunningJob>();
  const listeners = new Set<(e: JobEvent) => void>();
  const throttles = new Map<string, ReturnType<typeof throttle<JobProgress>>>();
  const uploadSlot = pLimit(deps.uploadSlots ?? 1);
  const pollCfg = { factor: 1.5, ...(deps.poll ?? { firstMs: 3000, maxMs: 60_000 }) };
  const stepRetry = deps.stepRetry ?? STEP_RETRY;
  const failureBudgetMs = deps.failureBudgetMs ?? FAILURE_BUDGET_MS;
  let loaded = false;
  let closed = false;

  const emit = (e: JobEvent) => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        deps.log?.(`listener failed: ${(err as Error).message}`);
      }
    }
  };
  const log = (id: string, level: 'info' | 'warn' | 'error', raw: string) => {
    // Log lines quote servers (statuses, console output): one line, no escape sequences.
    const message = sanitize(raw, 4000);
    deps.log?.(`[${id}] ${level}: ${message}`);
    emit({ type: 'job:log', jobId: id, level, message, at: now().toISOString() });
  };
  const snapshot = (rec: JournalRecord): Job => structuredClone(rec.job);
  /** When the backend began processing (not queueing) this job, journaled in its summary. */
  const processingSince = (rec: JournalRecord): number | undefined => {
    const at = rec.job.result?.summary?.processingStartedAt;
    const ms = typeof at === 'string' ? Date.parse(at) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
  };

  /** Past processing runs, from the finished jobs' summaries (journaled with them). */
  function history(): ProcessingRecord[] {
    const out: ProcessingRecord[] = [];
    for (const r of records.values()) {
      const p = r.job.result?.summary?.processing as { seconds?: unknown } | undefined;
      if (r.job.state === 'done' && typeof p?.seconds === 'number')
        out.push({ backend: r.job.backend, photoCount: r.job.source.photoCount, seconds: p.seconds });
    }
    return out;
  }

  function estimateOf(rec: JournalRecord): ModelEstimate | undefined {
    const since = processingSince(rec);
    return estimateModelReady({
      backend: rec.job.backend,
      state: rec.job.state,
      photoCount: rec.job.source.photoCount,
      uploadSecondsLeft: rec.job.state === 'uploading' ? rec.job.progress.etaSeconds : undefined,
      cloudQueueSeconds: rec.job.backend === 'cloud' ? deps.cloudQueueSeconds?.() : undefined,
      history: history(),
      processingElapsed: since !== undefined ? (now().getTime() - since) / 1000 : undefined,
      processingFraction: rec.job.state === 'processing' ? rec.job.progress.fraction : undefined,
    });
  }

  /** Journals, then announces. */
  async function commit(rec: JournalRecord, patch: Partial<Job> = {}): Promise<void> {
    const stateChanged = patch.state !== undefined && patch.state !== rec.job.state;
    Object.assign(rec.job, patch, { updatedAt: now().toISOString() });
    // A new state ends the old step and its words (no "Uploading part 8 of 8" while processing); the
    // estimate follows the state (e.g. no upload part once processing).
    rec.job.progress = {
      ...rec.job.progress,
      ...(stateChanged ? { step: undefined, stage: undefined } : {}),
      model: estimateOf(rec),
    };
    await deps.journal.save(rec);
    throttles.get(rec.job.id)?.flush();
    emit({ type: 'job:state', job: snapshot(rec) });
  }

  function progressOf(rec: JournalRecord) {
    let t = throttles.get(rec.job.id);
    if (!t) {
      t = throttle<JobProgress>(
        (p) => emit({ type: 'job:progress', jobId: rec.job.id, progress: p }),
        deps.progressIntervalMs ?? 100,
      );
      throttles.set(rec.job.id, t);
    }
    return (p: Partial<JobProgress>) => {
      Object.assign(rec.job.progress, p);
      rec.job.progress.model = estimateOf(rec);
      t.push({ ...rec.job.progress });
    };
  }

  async function ensureLoaded() {
    if (loaded) return;
    loaded = true;
    const { records: recs, problems } = await deps.journal.load();
    for (const r of recs) records.set(r.job.id, r);
    for (const p of problems) deps.log?.(p);
  }

  function context(rec: JournalRecord, signal: AbortSignal): BackendContext {
    return {
      signal,
      budget: createFailureBudget(failureBudgetMs),
      saveHandle: async (handle) => {
        rec.handle = handle;
        await deps.journal.save(rec);
      },
      saveHandlePatch: async (patch) => {
        // The backend changed the handle it saved last (this one); applying the patch again is a no-op.
        if (typeof rec.handle === 'object' && rec.handle !== null)
          applyPatch(rec.handle as Record<string, unknown>, patch);
        await deps.journal.saveHandlePatch(rec, patch);
      },
      onProgress: progressOf(rec),
      log: (level, message) => log(rec.job.id, level, message),
    };
  }

  /** Create and start are journaled (idempotent on resume), so the step itself is retried, once, here. */
  function retryStep<T>(
    rec: JournalRecord,
    ctx: BackendContext,
    what: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    return retry(fn, stepRetry, {
      signal: ctx.signal,
      budgets: [ctx.budget],
      onRetry: ({ delayMs, error }) => {
        const m = error instanceof Error ? error.message : String(error);
        log(rec.job.id, 'warn', `${what}: ${m} Trying again in ${Math.round(delayMs / 1000)} s.`);
        progressOf(rec)({ stage: `Waiting to retry (${m})`, step: 'retryWait', rate: 0 });
      },
    });
  }

  async function pollUntilDone(
    rec: JournalRecord,
    backend: ProcessingBackend,
    ctx: BackendContext,
  ): Promise<BackendStatus> {
    let delay = pollCfg.firstMs;
    let failures = 0;
    const budget = ctx.budget ?? createFailureBudget(failureBudgetMs);
    for (;;) {
      let status: BackendStatus | undefined;
      try {
        status = await backend.poll(rec.handle, ctx);
        budget.succeeded();
        failures = 0;
      } catch (e) {
        if (ctx.signal.aborted || !isRetryable(e)) throw e;
        // The call already retried against the job's clock; polling on is the same clock's business.
        budget.failed();
        if (budget.remainingMs() <= delay) throw e;
        failures++;
        if (failures === 1 || failures % 10 === 0)
          log(rec.job.id, 'warn', `Could not check the status (${(e as Error).message}); still trying.`);
      }
      if (status) {
        if (backend.logs) {
          for (const line of await backend.logs(rec.handle, ctx).catch(() => [] as string[]))
            log(rec.job.id, 'info', line);
        }
        if (status.raw !== rec.job.rawStatus) {
          log(rec.job.id, 'info', `Status: ${status.raw || '(none)'}`);
          await commit(rec, { rawStatus: sanitize(status.raw, 200) });
        }
        if (status.phase === 'processing' && rec.job.result?.summary?.processingStartedAt === undefined) {
          // From the first poll that says "processing" (the cloud's queue time is its own part).
          const summary = { ...rec.job.result?.summary, processingStartedAt: now().toISOString() };
          await commit(rec, { result: { ...rec.job.result, summary } });
        }
        if (status.downloadUrl && status.downloadUrl !== rec.job.result?.downloadUrl) {
          await commit(rec, { result: withDownloadLink(rec.job.result, status.downloadUrl, now()) });
        }
        if (status.phase === 'done' || status.resultReady) return status;
        if (status.phase === 'failed' || status.phase === 'cancelled') {
          throw new ProcessingFailedError(
            status.message ?? `Processing ${status.phase} (${status.raw}).`,
            'Check the photos (sharp, overlapping, enough of them) and try again, or send the set to another backend.',
            status.message ? { detail: 'said', params: { said: status.message } } : undefined,
          );
        }
        progressOf(rec)({
          stage: sanitize(status.raw, 200),
          fraction: status.progress ?? rec.job.progress.fraction,
        });
      }
      await abortableSleep(delay, ctx.signal);
      delay = Math.min(pollCfg.maxMs, delay * pollCfg.factor);
    }
  }

  async function drive(rec: JournalRecord, signal: AbortSignal): Promise<void> {
    const job = rec.job;
    const backend = deps.backend(job.backend, job.profile);
    const ctx = context(rec, signal);
    if (!rec.set) {
      await commit(rec, { state: 'scanning', error: undefined });
      const scanned = await deps.scan(rec.request.paths, signal, (level, msg) => log(job.id, level, msg));
      // Photos the person dropped from inside a zip stay out of a fresh scan too (retry as a new project).
      const set = leaveOutPhotos(scanned, rec.request.leaveOut);
      rec.set = set;
      await commit(rec, {
        source: { paths: rec.request.paths, photoCount: set.photoCount, totalBytes: set.totalBytes },
        projectName: job.projectName || deps.makeName(rec.request, set),
      });
    }
    const set = rec.set;
    if (rec.handle === undefined) {
      // Made once per job (the cloud plans its zip here); journaled with the next step, so a resume
      // after a restart sends the very parts this run planned.
      const prepared = backend.prepare?.(set, job.projectName);
      const problems = await backend.check(set, prepared);
      if (problems.length > 0) {
        throw new LimitExceededError(
          problems.map((p) => p.message).join(' '),
          problems.map((p) => ({ what: p.what, limit: p.limit, actual: p.actual })),
          'Remove some photos, or choose a backend with room for this set.',
        );
      }
      rec.handle = prepared;
    }
    await commit(rec, { state: 'creating', error: undefined });
    rec.handle = await retryStep(rec, ctx, 'Creating the project', () =>
      backend.create(set, job.projectName, ctx, rec.handle),
    );
    await commit(rec, { state: 'uploading' });
    const uploadStarted = Date.now();
    // Parts retry one by one inside (each against its own clock and the job's): no loop around them.
    rec.handle = await uploadSlot(() => backend.upload(rec.handle, ctx));
    const sent = {
      bytes: rec.job.progress.bytesTotal,
      parts: rec.job.progress.partsTotal,
      seconds: (Date.now() - uploadStarted) / 1000,
    };
    const summary = { ...rec.job.result?.summary, upload: sent };
    await commit(rec, { state: 'starting', result: { ...rec.job.result, summary } });
    rec.handle = await retryStep(rec, ctx, 'Starting', () => backend.start(rec.handle, ctx));
    await commit(rec, { state: 'processing' });
    progressOf(rec)({ fraction: 0, rate: 0, etaSeconds: undefined, bytesDone: 0, bytesTotal: 0 });
    await pollUntilDone(rec, backend, ctx);
    // Remembered (journaled with the job) to estimate the next run on this backend.
    const since = processingSince(rec);
    if (since !== undefined && !rec.job.result?.summary?.processing) {
      const processing = { seconds: Math.round((now().getTime() - since) / 100) / 10 };
      rec.job.result = { ...rec.job.result, summary: { ...rec.job.result?.summary, processing } };
    }
    if (rec.request.autoDownload !== false) {
      await commit(rec, { state: 'downloading' });
      const dir = path.join(rec.request.downloadDir ?? deps.defaultDownloadDir, job.projectName);
      const files = await backend.download(rec.handle, dir, ctx);
      await commit(rec, { state: 'done', result: { ...rec.job.result, folder: dir, files } });
    } else {
      await commit(rec, { state: 'done' });
    }
    progressOf(rec)({ fraction: 1, rate: 0, etaSeconds: 0, stage: undefined });
  }

  function launch(rec: JournalRecord): RunningJob {
    const existing = running.get(rec.job.id);
    if (existing) return existing;
    const controller = new AbortController();
    const rt: RunningJob = { controller, done: Promise.resolve() };
    rt.done = (async () => {
      try {
        await drive(rec, controller.signal);
      } catch (e) {
        if (rt.reason === 'close') {
          // The process is closing: the journal already holds the last step; resume next time.
        } else if (rt.reason === 'pause') {
          await commit(rec, {
            state: 'paused',
            progress: { ...rec.job.progress, rate: 0, etaSeconds: undefined },
          });
        } else if (rt.reason === 'cancel') {
          await cancelOnBackend(rec);
          await commit(rec, {
            state: 'cancelled',
            progress: { ...rec.job.progress, rate: 0, etaSeconds: undefined },
          });
        } else {
          const err = toSerializedError(e);
          log(rec.job.id, 'error', err.message + (err.hint ? ` ${err.hint}` : ''));
          await commit(rec, {
            state: 'failed',
            error: err,
            progress: { ...rec.job.progress, rate: 0, etaSeconds: undefined },
          });
        }
      } finally {
        running.delete(rec.job.id);
      }
    })();
    running.set(rec.job.id, rt);
    return rt;
  }

  async function cancelOnBackend(rec: JournalRecord) {
    if (rec.handle === undefined) return;
    try {
      await deps.backend(rec.job.backend, rec.job.profile).cancel(rec.handle);
    } catch (e) {
      log(rec.job.id, 'warn', `Could not clean up on the backend: ${(e as Error).message}`);
    }
  }

  /** A finished job's task (NodeODM) is removed from the node with the job; the result is already here. */
  async function removeOnBackend(rec: JournalRecord) {
    if (rec.handle === undefined || rec.job.state === 'cancelled') return;
    const backend = deps.backend(rec.job.backend, rec.job.profile);
    try {
      await backend.remove?.(rec.handle);
    } catch (e) {
      log(rec.job.id, 'warn', `Could not remove the task on the backend: ${(e as Error).message}`);
    }
  }

  /**
   * Retry of a NodeODM job whose task ran and failed: the node still has the photos, so restart the
   * task there instead of sending the set again. A node that forgot the task gets the set again.
   */
  async function restartOnBackend(rec: JournalRecord) {
    const handle = rec.handle as { committed?: boolean } | undefined;
    const backend = deps.backend(rec.job.backend, rec.job.profile);
    if (rec.job.backend !== 'nodeodm' || !handle?.committed || !backend.restart) return;
    try {
      rec.handle = await backend.restart(rec.handle, context(rec, new AbortController().signal));
    } catch (e) {
      if (!(isScanBridgeError(e) && e.code === 'NOT_FOUND')) throw e;
      log(rec.job.id, 'warn', `${(e as Error).message} Sending the set again.`);
      rec.handle = undefined;
    }
  }

  async function stop(id: string, reason: 'pause' | 'cancel'): Promise<void> {
    const rt = running.get(id);
    if (!rt) return;
    rt.reason = reason;
    rt.controller.abort(new CancelledError());
    await rt.done;
  }

  function mustGet(id: string): JournalRecord {
    const rec = records.get(id);
    if (!rec) throw new InvalidInputError(`There is no job ${id}.`);
    return rec;
  }

  return {
    list: () => [...records.values()].map(snapshot),
    get: (id) => {
      const r = records.get(id);
      return r ? snapshot(r) : undefined;
    },
    record: (id) => records.get(id),
    load: ensureLoaded,
    async create(req, scanned) {
      await ensureLoaded();
      if (closed) throw new InvalidInputError('The job manager is closed.');
      if (req.paths.length === 0) throw new InvalidInputError('Choose at least one folder, zip or photo.');
      const kind = req.backend ?? 'cloud';
      const at = now().toISOString();
      const job: Job = {
        id: deps.newId?.() ?? randomUUID().replace(/-/g, '').slice(0, 16),
        backend: kind,
        profile: req.profile ?? deps.defaultProfile?.(kind) ?? kind,
        projectName: '',
        source: { paths: req.paths, photoCount: 0, totalBytes: 0 },
        state: 'queued',
        progress: emptyProgress(),
        createdAt: at,
        updatedAt: at,
      };
      const rec: JournalRecord = { version: 1, job, request: { ...req, backend: kind } };
      if (scanned) {
        // The review's scan of these paths: the job starts from that set (no second scan).
        rec.set = scanned.set;
        job.source = {
          paths: req.paths,
          photoCount: scanned.set.photoCount,
          totalBytes: scanned.set.totalBytes,
        };
        job.projectName = deps.makeName(rec.request, scanned.set);
      }
      records.set(job.id, rec);
      await commit(rec);
      for (const n of scanned?.notes ?? []) log(job.id, n.level, n.message);
      launch(rec);
      return snapshot(rec);
    },
    async pause(id) {
      const rec = mustGet(id);
      if (isFinished(rec.job.state)) return;
      if (!running.has(id)) {
        await commit(rec, { state: 'paused' });
        return;
      }
      await stop(id, 'pause');
    },
    async resume(id) {
      const rec = mustGet(id);
      if (isFinished(rec.job.state) || running.has(id)) return;
      launch(rec);
    },
    async cancel(id) {
      const rec = mustGet(id);
      if (isFinished(rec.job.state)) return;
      if (running.has(id)) await stop(id, 'cancel');
      else {
        await cancelOnBackend(rec);
        await commit(rec, { state: 'cancelled' });
      }
    },
    async retry(id) {
      const rec = mustGet(id);
      if (running.has(id) || rec.job.state === 'done') return;
      if (rec.job.state === 'cancelled') {
        // The old project was reset on cancel: start over with a fresh scan and name.
        rec.handle = undefined;
        rec.set = undefined;
        rec.job.projectName = rec.request.name ?? '';
      } else if (rec.job.error?.code === 'PROJECT_NOT_FOUND') {
        // The cloud forgot the project (its store was reset, or it expired): nothing of it can be
        // continued. Start again from the original photos as a new project, under a new name.
        log(
          rec.job.id,
          'info',
          `Starting ${rec.job.projectName} again as a new project (the cloud forgot it).`,
        );
        rec.handle = undefined;
        rec.set = undefined;
        rec.request = { ...rec.request, name: undefined };
        rec.job.projectName = '';
      }
      if (rec.job.state === 'failed') await restartOnBackend(rec);
      await commit(rec, { state: 'queued', error: undefined });
      launch(rec);
    },
    async remove(id) {
      const rec = mustGet(id);
      if (running.has(id)) await stop(id, 'cancel');
      else if (!isFinished(rec.job.state)) await cancelOnBackend(rec);
      else await removeOnBackend(rec);
      records.delete(id);
      throttles.delete(id);
      await deps.journal.remove(id);
    },
    async resumeAll(opts: { includePaused?: boolean } = {}) {
      await ensureLoaded();
      for (const rec of records.values()) {
        const s: JobState = rec.job.state;
        if (!isFinished(s) && (s !== 'paused' || opts.includePaused)) launch(rec);
      }
    },
    async noteDownloadLink(id, url) {
      const rec = mustGet(id);
      const result = withDownloadLink(rec.job.result, url, now());
      if (result !== rec.job.result) await commit(rec, { result });
      return snapshot(rec);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async whenIdle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
    },
    async close() {
      closed = true;
      for (const rt of running.values()) {
        rt.reason = 'close';
        rt.controller.abort(new CancelledError());
      }
      await Promise.all([...running.values()].map((r) => r.done));
      for (const t of throttles.values()) t.flush();
    },
  };
}
