/**
 * "Model ready in": the one estimator. A cloud job's time is what is left of its upload + the cloud's
 * queue (getQueueEstimate) + processing (seconds per photo from this computer's past cloud jobs); a
 * local job's is extrapolated from its COLMAP stages. A part that is not known is left out and the
 * total is marked `atLeast`, never made up. Pure: the manager feeds it and puts the result in the
 * job's progress, so every screen shows the same number.
 */
import type { BackendKind, JobState } from '../../contract/types.js';

export interface ModelEstimate {
  /** Sum of the known parts, in seconds. */
  totalSeconds: number;
  /** True when a part is unknown (the total is a lower bound). */
  atLeast: boolean;
  upload?: number | undefined;
  queue?: number | undefined;
  processing?: number | undefined;
}

/** A finished processing run, remembered to estimate the next one. */
export interface ProcessingRecord {
  backend: BackendKind;
  photoCount: number;
  seconds: number;
}

export interface EstimateInput {
  backend: BackendKind;
  state: JobState;
  photoCount: number;
  /** The upload's own "seconds left" (from its smoothed rate); undefined before the rate is known. */
  uploadSecondsLeft?: number | undefined;
  /** The cloud's queue estimate (seconds) as last fetched. */
  cloudQueueSeconds?: number | undefined;
  /** Past runs on this backend (newest last). */
  history: readonly ProcessingRecord[];
  /** Processing: seconds since it started and its 0..1 progress (local stages report it). */
  processingElapsed?: number | undefined;
  processingFraction?: number | undefined;
}

/** Below this, a local run's extrapolation swings too much to show. */
const MIN_FRACTION = 0.05;
/** Only the latest runs count: the cloud's hardware and our sets change. */
const HISTORY_WINDOW = 20;

/** Median seconds per photo of past runs on the same backend; undefined without any. */
export function secondsPerPhoto(
  history: readonly ProcessingRecord[],
  backend: BackendKind,
): number | undefined {
  const rates = history
    .filter((r) => r.backend === backend && r.photoCount > 0 && r.seconds > 0)
    .slice(-HISTORY_WINDOW)
    .map((r) => r.seconds / r.photoCount)
    .sort((a, b) => a - b);
  if (rates.length === 0) return undefined;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
}

const BEFORE_UPLOAD: JobState[] = ['queued', 'scanning', 'creating'];
const NOT_RUNNING: JobState[] = ['done', 'failed', 'cancelled', 'downloading'];

export function estimateModelReady(i: EstimateInput): ModelEstimate | undefined {
  if (NOT_RUNNING.includes(i.state)) return undefined;
  const processingState = i.state === 'processing' || i.state === 'starting';
  const extrapolated =
    processingState &&
    i.processingElapsed !== undefined &&
    i.processingFraction !== undefined &&
    i.processingFraction >= MIN_FRACTION &&
    i.processingFraction < 1
      ? (i.processingElapsed / i.processingFraction) * (1 - i.processingFraction)
      : undefined;
  const perPhoto = secondsPerPhoto(i.history, i.backend);
  // Before the scan has counted the photos (photoCount 0) the history says nothing: "~0 s" would be a lie.
  const fromHistory = perPhoto !== undefined && i.photoCount > 0 ? perPhoto * i.photoCount : undefined;
  // Local runs report their own stages; the cloud only says "processing", so history is all we have.
  const processing =
    extrapolated ??
    (fromHistory !== undefined && processingState && i.processingElapsed !== undefined
      ? Math.max(0, fromHistory - i.processingElapsed)
      : fromHistory);

  let upload: number | undefined;
  let queue: number | undefined;
  const uploadStill = BEFORE_UPLOAD.includes(i.state) || i.state === 'uploading' || i.state === 'paused';
  if (i.backend !== 'local' && uploadStill) upload = i.uploadSecondsLeft;
  // The cloud's queue matters until processing starts; NodeODM's queue is not known here.
  if (i.backend === 'cloud' && (uploadStill || i.state === 'starting')) queue = i.cloudQueueSeconds;

  const parts: (number | undefined)[] = [processing];
  if (i.backend !== 'local' && uploadStill) parts.push(upload);
  if (i.backend === 'cloud' && (uploadStill || i.state === 'starting')) parts.push(queue);
  const known = parts.filter((x): x is number => x !== undefined && Number.isFinite(x));
  if (known.length === 0) return undefined;
  return {
    totalSeconds: Math.round(known.reduce((a, b) => a + b, 0)),
    atLeast: known.length < parts.length,
    ...(upload !== undefined ? { upload: Math.round(upload) } : {}),
    ...(queue !== undefined ? { queue: Math.round(queue) } : {}),
    ...(processing !== undefined ? { processing: Math.round(processing) } : {}),
  };
}
