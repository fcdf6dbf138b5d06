/**
 * The job manager: drives each job through scan → check → create → upload → start → poll → download
 * on its backend, journaling every step before announcing it, so a restart resumes exactly where the
 * last run stopped. Progress is merged and throttled (≤ 10 events/s per job). Jobs run concurrently;
 * the upload step takes a slot (one upload at a time by default: several uploads would only share
 * the same link and all finish later).
 *
 * This file wires the parts together and holds the public actions (create, pause, retry, …):
 * - job-events.ts: listeners and the job log (`log(jobId, level, message)`)
 * - job-records.ts: the known jobs, loading the journal, `commit` (journal, then announce)
 * - job-progress-feed.ts: progress merged, estimated and throttled per job
 * - job-estimate.ts: "model ready in" from the records
 * - job-context.ts: what a run's parts share, a backend step's context, the step retry
 * - job-steps.ts: one run through the steps; job-poll.ts: waiting for processing
 * - job-runs.ts: running jobs, stopping them, and what their end means; cleanup on the backend
 */
import type { LogLine } from '../log-line.js';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { InvalidInputError } from '../errors.js';
import type { RetryPolicy } from '../net/retry.js';
import type { ProcessingBackend } from './backend.js';
import type { Journal, JournalRecord } from './journal.js';
import { emptyProgress } from './progress.js';
import { isFinished } from '../../contract/job-states.js';
import { withDownloadLink } from './result-link.js';
import type { PhotoSet } from '../photos/set.js';
import { createJobEvents } from './job-events.js';
import { estimateOf } from './job-estimate.js';
import { createProgressFeed } from './job-progress-feed.js';
import { createJobRecords } from './job-records.js';
import type { JobTools } from './job-context.js';
import { runJobSteps, type StepDeps } from './job-steps.js';
import { createJobRuns } from './job-runs.js';
import { type BackendKind, type Job, type JobManager, type JobState, type NewJobRequest } from './types.js';

export interface ManagerDeps {
  journal: Journal;
  backend(kind: BackendKind, profile: string): ProcessingBackend;
  scan(
    paths: string[],
    signal: AbortSignal,
    log: (level: 'info' | 'warn', line: LogLine) => void,
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
  const events = createJobEvents({ now, log: deps.log });
  const estimate = (rec: JournalRecord) =>
    estimateOf(rec, { records: () => records.values(), now, cloudQueueSeconds: deps.cloudQueueSeconds });
  const progress = createProgressFeed({ emit: events.emit, estimate, intervalMs: deps.progressIntervalMs });
  const book = createJobRecords({
    map: records,
    journal: deps.journal,
    now,
    emit: events.emit,
    progress,
    estimate,
    log: deps.log,
  });
  const { commit, snapshot, mustGet } = book;
  const log = events.log;
  const tools: JobTools = {
    journal: deps.journal,
    now,
    log,
    commit,
    progress,
    backend: deps.backend,
    failureBudgetMs: deps.failureBudgetMs ?? FAILURE_BUDGET_MS,
  };
  const stepDeps: StepDeps = {
    ...tools,
    scan: deps.scan,
    makeName: deps.makeName,
    defaultDownloadDir: deps.defaultDownloadDir,
    uploadSlot: pLimit(deps.uploadSlots ?? 1),
    stepRetry: deps.stepRetry ?? STEP_RETRY,
    poll: { factor: 1.5, ...(deps.poll ?? { firstMs: 3000, maxMs: 60_000 }) },
  };
  const runs = createJobRuns({ ...tools, run: (rec, signal) => runJobSteps(rec, signal, stepDeps) });
  const { launch, stop, cancelOnBackend, removeOnBackend, restartOnBackend } = runs;
  let closed = false;

  return {
    list: () => [...records.values()].map(snapshot),
    get: (id) => {
      const r = records.get(id);
      return r ? snapshot(r) : undefined;
    },
    record: (id) => records.get(id),
    load: book.load,
    async create(req, scanned) {
      await book.load();
      if (closed) throw new InvalidInputError('The job manager is closed.');
      if (req.paths.length === 0)
        throw new InvalidInputError('Choose at least one folder, zip or photo.', undefined, {
          detail: 'noPaths',
          params: {},
        });
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
      for (const n of scanned?.notes ?? []) log(job.id, n.level, n.line);
      launch(rec);
      return snapshot(rec);
    },
    async pause(id) {
      const rec = mustGet(id);
      if (isFinished(rec.job.state)) return;
      if (!runs.isRunning(id)) {
        await commit(rec, { state: 'paused' });
        return;
      }
      await stop(id, 'pause');
    },
    async resume(id) {
      const rec = mustGet(id);
      if (isFinished(rec.job.state) || runs.isRunning(id)) return;
      launch(rec);
    },
    async cancel(id) {
      const rec = mustGet(id);
      if (isFinished(rec.job.state)) return;
      if (runs.isRunning(id)) await stop(id, 'cancel');
      else {
        await cancelOnBackend(rec);
        await commit(rec, { state: 'cancelled' });
      }
    },
    async retry(id) {
      const rec = mustGet(id);
      if (runs.isRunning(id) || rec.job.state === 'done') return;
      if (rec.job.state === 'cancelled') {
        // The old project was reset on cancel: start over with a fresh scan and name.
        rec.handle = undefined;
        rec.set = undefined;
        rec.job.projectName = rec.request.name ?? '';
      } else if (rec.job.error?.code === 'PROJECT_NOT_FOUND') {
        // The cloud forgot the project (its store was reset, or it expired): nothing of it can be
        // continued. Start again from the original photos as a new project, under a new name.
        log(rec.job.id, 'info', {
          code: 'newProjectAfterForgotten',
          params: { project: rec.job.projectName },
        });
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
      if (runs.isRunning(id)) await stop(id, 'cancel');
      else if (!isFinished(rec.job.state)) await cancelOnBackend(rec);
      else await removeOnBackend(rec);
      records.delete(id);
      progress.forget(id);
      await deps.journal.remove(id);
    },
    async resumeAll(opts: { includePaused?: boolean } = {}) {
      await book.load();
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
    subscribe: events.subscribe,
    whenIdle: runs.whenIdle,
    async close() {
      closed = true;
      await runs.closeAll();
      progress.flushAll();
    },
  };
}
