/**
 * The jobs the manager knows, and the one way a job changes: `commit` journals the record, then
 * announces it (so whatever a listener saw survives a restart), with the progress that belongs to
 * the new state.
 */
import { InvalidInputError } from '../errors.js';
import type { ModelEstimate } from '../estimate/estimate.js';
import type { Journal, JournalRecord } from './journal.js';
import type { ProgressFeed } from './job-progress-feed.js';
import type { Job, JobEvent } from './types.js';

export interface JobRecords {
  /** Every known job by id (the manager's one copy; steps change the records in place). */
  map: Map<string, JournalRecord>;
  /** Reads the journal once; later calls do nothing. */
  load(): Promise<void>;
  commit(rec: JournalRecord, patch?: Partial<Job>): Promise<void>;
  /** What leaves the manager: a copy, so a listener cannot change a running job. */
  snapshot(rec: JournalRecord): Job;
  mustGet(id: string): JournalRecord;
}

export function createJobRecords(deps: {
  map: Map<string, JournalRecord>;
  journal: Journal;
  now: () => Date;
  emit: (e: JobEvent) => void;
  progress: ProgressFeed;
  estimate: (rec: JournalRecord) => ModelEstimate | undefined;
  log?: (line: string) => void;
}): JobRecords {
  const { map } = deps;
  // One read for every caller: a second caller waits for the first read, never sees a half-empty map.
  let loading: Promise<void> | undefined;
  const snapshot = (rec: JournalRecord): Job => structuredClone(rec.job);
  return {
    map,
    snapshot,
    load() {
      loading ??= (async () => {
        const { records: recs, problems } = await deps.journal.load();
        for (const r of recs) map.set(r.job.id, r);
        for (const p of problems) deps.log?.(p);
      })().catch((e: unknown) => {
        loading = undefined; // the next caller reads again
        throw e;
      });
      return loading;
    },
    async commit(rec, patch = {}) {
      const stateChanged = patch.state !== undefined && patch.state !== rec.job.state;
      Object.assign(rec.job, patch, { updatedAt: deps.now().toISOString() });
      // A new state ends the old step and its words (no "Uploading part 8 of 8" while processing); the
      // estimate follows the state (e.g. no upload part once processing).
      rec.job.progress = {
        ...rec.job.progress,
        ...(stateChanged ? { step: undefined, stage: undefined } : {}),
        model: deps.estimate(rec),
      };
      await deps.journal.save(rec);
      deps.progress.flush(rec.job.id);
      deps.emit({ type: 'job:state', job: snapshot(rec) });
    },
    mustGet(id) {
      const rec = map.get(id);
      if (!rec)
        throw new InvalidInputError(`There is no job ${id}.`, undefined, { detail: 'noJob', params: { id } });
      return rec;
    },
  };
}
