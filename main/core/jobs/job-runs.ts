/**
 * The jobs running now: starting a run (at most one per job), stopping it with a reason (pause,
 * cancel, or the process closing), and what a run's end means for the job (paused, cancelled on the
 * backend too, failed with its error). Also what a job needs done on its backend outside a run.
 */
import { CancelledError, isScanBridgeError, toSerializedError } from '../errors.js';
import { jobContext, type JobTools } from './job-context.js';
import type { JournalRecord } from './journal.js';

/** One job being worked on now: how to stop it, why it was stopped, and when its work has ended. */
interface RunningJob {
  controller: AbortController;
  reason?: 'pause' | 'cancel' | 'close';
  done: Promise<void>;
}

export interface JobRuns {
  isRunning(id: string): boolean;
  /** Starts a run of the job unless one is running. */
  launch(rec: JournalRecord): void;
  /** Stops a job's run (if any) and waits until its end is journaled. */
  stop(id: string, reason: 'pause' | 'cancel'): Promise<void>;
  /** Stops every run without changing their jobs: the journal holds the last step, resumed next time. */
  closeAll(): Promise<void>;
  whenIdle(): Promise<void>;
  cancelOnBackend(rec: JournalRecord): Promise<void>;
  removeOnBackend(rec: JournalRecord): Promise<void>;
  restartOnBackend(rec: JournalRecord): Promise<void>;
}

export function createJobRuns(
  t: JobTools & { run(rec: JournalRecord, signal: AbortSignal): Promise<void> },
): JobRuns {
  const running = new Map<string, RunningJob>();
  const { commit, log } = t;

  async function cancelOnBackend(rec: JournalRecord) {
    if (rec.handle === undefined) return;
    try {
      await t.backend(rec.job.backend, rec.job.profile).cancel(rec.handle);
    } catch (e) {
      log(rec.job.id, 'warn', { code: 'cleanupFailed', params: {}, error: e });
    }
  }

  function launch(rec: JournalRecord): void {
    if (running.has(rec.job.id)) return;
    const controller = new AbortController();
    const rt: RunningJob = { controller, done: Promise.resolve() };
    rt.done = (async () => {
      try {
        await t.run(rec, controller.signal);
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
          log(rec.job.id, 'error', { code: 'jobFailed', params: {}, error: err });
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
  }

  return {
    isRunning: (id) => running.has(id),
    launch,
    async stop(id, reason) {
      const rt = running.get(id);
      if (!rt) return;
      rt.reason = reason;
      rt.controller.abort(new CancelledError());
      await rt.done;
    },
    async closeAll() {
      for (const rt of running.values()) {
        rt.reason = 'close';
        rt.controller.abort(new CancelledError());
      }
      await Promise.all([...running.values()].map((r) => r.done));
    },
    async whenIdle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
    },
    cancelOnBackend,
    /** A finished job's task (NodeODM) is removed from the node with the job; the result is already here. */
    async removeOnBackend(rec) {
      if (rec.handle === undefined || rec.job.state === 'cancelled') return;
      const backend = t.backend(rec.job.backend, rec.job.profile);
      try {
        await backend.remove?.(rec.handle);
      } catch (e) {
        log(rec.job.id, 'warn', { code: 'removeTaskFailed', params: {}, error: e });
      }
    },
    /**
     * Retry of a NodeODM job whose task ran and failed: the node still has the photos, so restart the
     * task there instead of sending the set again. A node that forgot the task gets the set again.
     */
    async restartOnBackend(rec) {
      const handle = rec.handle as { committed?: boolean } | undefined;
      const backend = t.backend(rec.job.backend, rec.job.profile);
      if (rec.job.backend !== 'nodeodm' || !handle?.committed || !backend.restart) return;
      try {
        rec.handle = await backend.restart(rec.handle, jobContext(rec, new AbortController().signal, t));
      } catch (e) {
        if (!(isScanBridgeError(e) && e.code === 'NOT_FOUND')) throw e;
        log(rec.job.id, 'warn', { code: 'sendAgain', params: {}, error: e });
        rec.handle = undefined;
      }
    },
  };
}
