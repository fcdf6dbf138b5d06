/**
 * "Model ready in" for a job, from what its record and the finished jobs' records say. Pure: the
 * records, the clock and the cloud's queue figure are handed in.
 */
import { estimateModelReady, type ModelEstimate, type ProcessingRecord } from '../estimate/estimate.js';
import type { JournalRecord } from './journal.js';

/** When the backend began processing (not queueing) this job, journaled in its summary. */
export function processingSince(rec: JournalRecord): number | undefined {
  const at = rec.job.result?.summary?.processingStartedAt;
  const ms = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Past processing runs, from the finished jobs' summaries (journaled with them). */
export function processingHistory(records: Iterable<JournalRecord>): ProcessingRecord[] {
  const out: ProcessingRecord[] = [];
  for (const r of records) {
    const p = r.job.result?.summary?.processing as { seconds?: unknown } | undefined;
    if (r.job.state === 'done' && typeof p?.seconds === 'number')
      out.push({ backend: r.job.backend, photoCount: r.job.source.photoCount, seconds: p.seconds });
  }
  return out;
}

export interface EstimateInputs {
  /** Every job the manager knows (the history is read from the finished ones). */
  records: () => Iterable<JournalRecord>;
  now: () => Date;
  /** The cloud's queue estimate in seconds as last fetched, when known. */
  cloudQueueSeconds?: () => number | undefined;
}

export function estimateOf(rec: JournalRecord, inputs: EstimateInputs): ModelEstimate | undefined {
  const since = processingSince(rec);
  return estimateModelReady({
    backend: rec.job.backend,
    state: rec.job.state,
    photoCount: rec.job.source.photoCount,
    uploadSecondsLeft: rec.job.state === 'uploading' ? rec.job.progress.etaSeconds : undefined,
    cloudQueueSeconds: rec.job.backend === 'cloud' ? inputs.cloudQueueSeconds?.() : undefined,
    history: processingHistory(inputs.records()),
    processingElapsed: since !== undefined ? (inputs.now().getTime() - since) / 1000 : undefined,
    processingFraction: rec.job.state === 'processing' ? rec.job.progress.fraction : undefined,
  });
}
