/**
 * One run of a job through its steps: scan → check → create → upload → start → poll → download.
 * Each step is journaled before it is announced (commit), and what a step made is kept in the record
 * (set, handle), so a run after a restart continues at the first step not yet done.
 */
import type { LogLine } from '../log-line.js';
import path from 'node:path';
import { LimitExceededError } from '../errors.js';
import type { RetryPolicy } from '../net/retry.js';
import { leaveOutPhotos, type PhotoSet } from '../photos/set.js';
import { jobContext, retryStep, type JobTools } from './job-context.js';
import { processingSince } from './job-estimate.js';
import { pollUntilDone, type PollTiming } from './job-poll.js';
import type { JournalRecord } from './journal.js';
import type { NewJobRequest } from './types.js';

export interface StepDeps extends JobTools {
  scan(
    paths: string[],
    signal: AbortSignal,
    log: (level: 'info' | 'warn', line: LogLine) => void,
  ): Promise<PhotoSet>;
  makeName(req: NewJobRequest, set: PhotoSet): string;
  defaultDownloadDir: string;
  /** The upload step runs inside this limiter (uploads share the link: one at a time by default). */
  uploadSlot<T>(fn: () => Promise<T>): Promise<T>;
  stepRetry: RetryPolicy;
  poll: PollTiming;
}

export async function runJobSteps(rec: JournalRecord, signal: AbortSignal, d: StepDeps): Promise<void> {
  const job = rec.job;
  const { commit, now } = d;
  const progress = () => d.progress.of(rec);
  const backend = d.backend(job.backend, job.profile);
  const ctx = jobContext(rec, signal, d);
  const retrying = { log: d.log, progress: d.progress, policy: d.stepRetry };
  if (!rec.set) {
    await commit(rec, { state: 'scanning', error: undefined });
    const scanned = await d.scan(rec.request.paths, signal, (level, line) => d.log(job.id, level, line));
    // Photos the person dropped from inside a zip stay out of a fresh scan too (retry as a new project).
    const set = leaveOutPhotos(scanned, rec.request.leaveOut);
    rec.set = set;
    await commit(rec, {
      source: { paths: rec.request.paths, photoCount: set.photoCount, totalBytes: set.totalBytes },
      projectName: job.projectName || d.makeName(rec.request, set),
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
  rec.handle = await retryStep(
    rec,
    ctx,
    'create',
    () => backend.create(set, job.projectName, ctx, rec.handle),
    retrying,
  );
  await commit(rec, { state: 'uploading' });
  const uploadStarted = Date.now();
  // Parts retry one by one inside (each against its own clock and the job's): no loop around them.
  rec.handle = await d.uploadSlot(() => backend.upload(rec.handle, ctx));
  const sent = {
    bytes: rec.job.progress.bytesTotal,
    parts: rec.job.progress.partsTotal,
    seconds: (Date.now() - uploadStarted) / 1000,
  };
  const summary = { ...rec.job.result?.summary, upload: sent };
  await commit(rec, { state: 'starting', result: { ...rec.job.result, summary } });
  rec.handle = await retryStep(rec, ctx, 'start', () => backend.start(rec.handle, ctx), retrying);
  await commit(rec, { state: 'processing' });
  progress()({ fraction: 0, rate: 0, etaSeconds: undefined, bytesDone: 0, bytesTotal: 0 });
  await pollUntilDone(rec, backend, ctx, d);
  // Remembered (journaled with the job) to estimate the next run on this backend.
  const since = processingSince(rec);
  if (since !== undefined && !rec.job.result?.summary?.processing) {
    const processing = { seconds: Math.round((now().getTime() - since) / 100) / 10 };
    rec.job.result = { ...rec.job.result, summary: { ...rec.job.result?.summary, processing } };
  }
  if (rec.request.autoDownload !== false) {
    await commit(rec, { state: 'downloading' });
    const dir = path.join(rec.request.downloadDir ?? d.defaultDownloadDir, job.projectName);
    const files = await backend.download(rec.handle, dir, ctx);
    await commit(rec, { state: 'done', result: { ...rec.job.result, folder: dir, files } });
  } else {
    await commit(rec, { state: 'done' });
  }
  progress()({ fraction: 1, rate: 0, etaSeconds: 0, stage: undefined });
}
