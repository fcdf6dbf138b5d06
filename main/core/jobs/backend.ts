/**
 * One interface for every place a set can be processed: the OpenScan Cloud, a NodeODM/ClusterODM
 * node, and local COLMAP. The job manager drives a job through these steps and journals after each;
 * a backend keeps whatever it needs to resume in `handle` (plain JSON, stored in the journal).
 */
import type { FailureBudget } from '../net/budget.js';
import type { PhotoSet } from '../photos/set.js';
import type { HandlePatch } from './journal-log.js';
import type { JobProgress } from './types.js';
import type { LogText } from '../log-line.js';
import type { LimitCheckProblem } from '../cloud/limits.js';
import type { ScanBridgeError } from '../errors.js';

export interface BackendLimits {
  maxPhotos?: number;
  maxBytes?: number;
  credit?: number;
}

/** Status normalised for the UI; `raw` is the backend's own word, kept for the log. */
export interface BackendStatus {
  phase: 'created' | 'uploading' | 'queued' | 'processing' | 'done' | 'failed' | 'cancelled' | 'unknown';
  raw: string;
  /** 0..1 when the backend reports it. */
  progress?: number;
  /** Our sentence about it, in English, for the log and the CLI's fallback. */
  message?: string;
  /**
   * A failure in the server's own words (its reason, else its status), sanitised: the error quotes it
   * in the person's language ("The server said: …") instead of our English `message`.
   */
  said?: string;
  /**
   * A local run's own typed failure (COLMAP's step and exit code, a full disk…): thrown as it is, so
   * its code and specifics reach the person instead of "processing failed" around an English sentence.
   */
  error?: ScanBridgeError | undefined;
  /** True when the result can be downloaded. */
  resultReady: boolean;
  /** A link a person can open to fetch the result themselves (the cloud's dlink). */
  downloadUrl?: string;
}

export interface BackendContext {
  signal: AbortSignal;
  /**
   * The job's failure clock: every retry loop of this job stops when it runs out (main/core/net).
   * The job manager always sets it; one-off calls outside a job (e.g. `scanbridge status`) may not.
   */
  budget?: FailureBudget;
  /** Persist the handle (the journal write) before the step is announced. */
  saveHandle(handle: unknown): Promise<void>;
  /**
   * Persist a small change just made to the saved handle, cheaply (an appended line, not the whole
   * record): `patch` is exactly that change (objects merge, arrays gain values; see journal-log.ts).
   * Absent where nothing is journaled; use saveHandle then.
   */
  saveHandlePatch?(patch: HandlePatch): Promise<void>;
  onProgress(p: Partial<JobProgress>): void;
  /** A coded line (main/contract/log-lines.ts), said in the person's language by the front ends. */
  log(level: 'info' | 'warn' | 'error', line: LogText): void;
}

export interface ProcessingBackend<H = unknown> {
  readonly kind: 'cloud' | 'nodeodm' | 'local';
  /**
   * The job's first handle, made once from the set before anything is sent (the cloud: the zip and
   * its parts). The manager hands it to `check` and `create`; journaled with the job, a resume uses it.
   */
  prepare?(set: PhotoSet, name: string): H;
  /** Problems with this set on this backend (limits, credit, maxImages); empty when fine. */
  check(set: PhotoSet, prepared?: H): Promise<LimitCheckProblem[]>;
  /** Creates the project/task/workspace. Idempotent given the same handle (resume). */
  create(set: PhotoSet, name: string, ctx: BackendContext, handle?: H): Promise<H>;
  /** Sends the photos; resumes from the handle, never re-sends what is confirmed. */
  upload(handle: H, ctx: BackendContext): Promise<H>;
  /** Starts processing exactly once. */
  start(handle: H, ctx: BackendContext): Promise<H>;
  poll(handle: H, ctx: BackendContext): Promise<BackendStatus>;
  /** New log lines since the last call (NodeODM console, COLMAP output: tool lines, verbatim). */
  logs?(handle: H, ctx: BackendContext): Promise<LogText[]>;
  /** Downloads and safely extracts the result into `dir`; returns the files written. */
  download(handle: H, dir: string, ctx: BackendContext): Promise<string[]>;
  cancel(handle: H): Promise<void>;
  remove?(handle: H): Promise<void>;
  restart?(handle: H, ctx: BackendContext): Promise<H>;
}
