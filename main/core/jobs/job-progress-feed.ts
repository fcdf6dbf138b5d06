/**
 * A job's progress as it is announced: merged into the job (with a fresh estimate) on every update,
 * sent at most once per interval per job (a burst of part completions would otherwise flood IPC/SSE),
 * and flushed before a state change so the last figure of a step is never lost or late.
 */
import type { ModelEstimate } from '../estimate/estimate.js';
import type { JournalRecord } from './journal.js';
import { throttle } from './progress.js';
import type { JobEvent, JobProgress } from './types.js';

export interface ProgressFeed {
  /** The updater a step (and its backend) reports progress through. */
  of(rec: JournalRecord): (p: Partial<JobProgress>) => void;
  /** Sends a job's pending progress now (before its next state). */
  flush(jobId: string): void;
  flushAll(): void;
  forget(jobId: string): void;
}

export function createProgressFeed(deps: {
  emit: (e: JobEvent) => void;
  estimate: (rec: JournalRecord) => ModelEstimate | undefined;
  intervalMs?: number;
}): ProgressFeed {
  const throttles = new Map<string, ReturnType<typeof throttle<JobProgress>>>();
  return {
    of(rec) {
      let t = throttles.get(rec.job.id);
      if (!t) {
        t = throttle<JobProgress>(
          (p) => deps.emit({ type: 'job:progress', jobId: rec.job.id, progress: p }),
          deps.intervalMs ?? 100,
        );
        throttles.set(rec.job.id, t);
      }
      const push = t;
      return (p) => {
        Object.assign(rec.job.progress, p);
        rec.job.progress.model = deps.estimate(rec);
        push.push({ ...rec.job.progress });
      };
    },
    flush: (id) => throttles.get(id)?.flush(),
    flushAll() {
      for (const t of throttles.values()) t.flush();
    },
    forget: (id) => void throttles.delete(id),
  };
}
