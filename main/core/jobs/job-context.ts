/**
 * What every part of a job's run shares (the journal, the job log, commit, the progress feed, the
 * backends), the context a backend step gets, and the retry of a whole step.
 */
import { createFailureBudget } from '../net/budget.js';
import { retry, type RetryPolicy } from '../net/retry.js';
import type { BackendContext, ProcessingBackend } from './backend.js';
import type { JobLog } from './job-events.js';
import type { ProgressFeed } from './job-progress-feed.js';
import type { Journal, JournalRecord } from './journal.js';
import { applyPatch } from './journal-log.js';
import type { BackendKind, Job } from './types.js';

export interface JobTools {
  journal: Journal;
  now: () => Date;
  log: JobLog;
  /** Journals a record's change, then announces it (job-records.ts). */
  commit(rec: JournalRecord, patch?: Partial<Job>): Promise<void>;
  progress: ProgressFeed;
  backend(kind: BackendKind, profile: string): ProcessingBackend;
  /** How long a job may keep failing transiently in one run (see FAILURE_BUDGET_MS in manager.ts). */
  failureBudgetMs: number;
}

/** A backend step's context: one failure clock per job run, handle saves that go to the journal. */
export function jobContext(rec: JournalRecord, signal: AbortSignal, t: JobTools): BackendContext {
  return {
    signal,
    budget: createFailureBudget(t.failureBudgetMs),
    saveHandle: async (handle) => {
      rec.handle = handle;
      await t.journal.save(rec);
    },
    saveHandlePatch: async (patch) => {
      // The backend changed the handle it saved last (this one); applying the patch again is a no-op.
      if (typeof rec.handle === 'object' && rec.handle !== null)
        applyPatch(rec.handle as Record<string, unknown>, patch);
      await t.journal.saveHandlePatch(rec, patch);
    },
    onProgress: t.progress.of(rec),
    log: (level, line) => t.log(rec.job.id, level, line),
  };
}

/** Create and start are journaled (idempotent on resume), so the step itself is retried, once, here. */
export function retryStep<T>(
  rec: JournalRecord,
  ctx: BackendContext,
  what: 'create' | 'start',
  fn: () => Promise<T>,
  t: Pick<JobTools, 'log' | 'progress'> & { policy: RetryPolicy },
): Promise<T> {
  return retry(fn, t.policy, {
    signal: ctx.signal,
    budgets: [ctx.budget],
    onRetry: ({ delayMs, error }) => {
      const m = error instanceof Error ? error.message : String(error);
      const seconds = Math.round(delayMs / 1000);
      const code = what === 'create' ? 'createRetry' : 'startRetry';
      t.log(rec.job.id, 'warn', { code, params: { seconds }, error });
      t.progress.of(rec)({ stage: `Waiting to retry (${m})`, step: 'retryWait', rate: 0 });
    },
  });
}
