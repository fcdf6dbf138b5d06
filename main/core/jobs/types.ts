/**
 * The job model shared by the job manager (main/core/jobs), the app service behind IPC and the web
 * bridge, the CLI and (through the contract's schemas) the renderer. Plain data only: every Job is
 * JSON-serialisable and is what the journal stores and the UI shows.
 */
import type { SerializedError } from '../errors.js';

export type BackendKind = 'cloud' | 'nodeodm' | 'local';

/** Normalised for the UI; each backend keeps its raw status in `rawStatus`. */
export type JobState =
  | 'queued' // accepted, waiting for a slot
  | 'scanning' // reading headers, checking the set
  | 'creating' // creating the project / task on the backend
  | 'uploading'
  | 'paused'
  | 'starting' // all parts in, starting processing
  | 'processing' // the backend works on it; we poll
  | 'downloading'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface JobProgress {
  /** 0..1 for the whole job's current phase. */
  fraction: number;
  bytesDone: number;
  bytesTotal: number;
  /** Smoothed bytes per second, 0 when idle. */
  rate: number;
  /** Seconds left in the current phase, undefined when unknown. */
  etaSeconds?: number | undefined;
  partsDone: number;
  partsTotal: number;
  /** Free-text stage for the UI, e.g. "Uploading part 3 of 11". */
  stage?: string | undefined;
}

export interface JobSource {
  /** The paths the user gave (folders, zips, files). */
  paths: string[];
  photoCount: number;
  totalBytes: number;
}

export interface JobResult {
  /** Where the result was extracted, when downloaded. */
  folder?: string | undefined;
  /** The backend's download link (cloud: a Dropbox share link). */
  downloadUrl?: string | undefined;
  /** When the backend first reported this link (ISO); the cloud's links expire a while after it. */
  linkReportedAt?: string | undefined;
  /** When the link is expected to stop working (ISO), see jobs/result-link.ts. */
  linkExpiresAt?: string | undefined;
  files?: string[] | undefined;
  summary?: Record<string, unknown> | undefined;
}

export interface Job {
  id: string;
  backend: BackendKind;
  /** Backend profile name (settings), e.g. "OpenScan Cloud". */
  profile: string;
  /** Project name on the cloud, task uuid on NodeODM, workspace name locally. */
  projectName: string;
  source: JobSource;
  state: JobState;
  rawStatus?: string | undefined;
  progress: JobProgress;
  result?: JobResult | undefined;
  error?: SerializedError | undefined;
  createdAt: string; // ISO
  updatedAt: string; // ISO
}

export type JobEvent =
  | { type: 'job:state'; job: Job }
  | { type: 'job:progress'; jobId: string; progress: JobProgress }
  | { type: 'job:log'; jobId: string; level: 'info' | 'warn' | 'error'; message: string; at: string };

export interface NewJobRequest {
  paths: string[];
  backend?: BackendKind;
  profile?: string;
  /** Readable prefix; a random suffix is always added for the cloud. */
  name?: string;
  /** Download the result when done (default true). */
  autoDownload?: boolean;
  downloadDir?: string;
}

/** What the app service, the bridge and the CLI use. Implemented in main/core/jobs/manager.ts. */
export interface JobManager {
  list(): Job[];
  get(id: string): Job | undefined;
  create(req: NewJobRequest): Promise<Job>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  retry(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Loads the journal and resumes every unfinished job (called once at start); paused ones only if asked. */
  resumeAll(opts?: { includePaused?: boolean }): Promise<void>;
  /** Records a download link the backend reported outside a poll (a manual refresh); returns the job. */
  noteDownloadLink(id: string, url: string): Promise<Job>;
  subscribe(listener: (e: JobEvent) => void): () => void;
  close(): Promise<void>;
}
