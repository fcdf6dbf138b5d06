/**
 * The job model shared by the job manager (main/core/jobs), the app service behind IPC and the web
 * bridge, the CLI and (through the contract's schemas) the renderer. Plain data only: every Job is
 * JSON-serialisable and is what the journal stores and the UI shows.
 */
import type { BackendKind, Job, JobProgress, JobState } from '../../contract/types.js';
import type { PhotoSet, ScanNote } from '../photos/set.js';
import type { LogFields } from '../log-line.js';

// A job is what the UI shows and the journal stores: its shape is the contract's JobSchema
// (main/contract/schemas.ts), so core, the bridge, the CLI and the renderer share one definition.
// The states and their groups: main/contract/job-states.ts.
export type { BackendKind, Job, JobProgress, JobState };
export type JobSource = Job['source'];
export type JobResult = NonNullable<Job['result']>;

export type JobEvent =
  | { type: 'job:state'; job: Job }
  | { type: 'job:progress'; jobId: string; progress: JobProgress }
  | ({ type: 'job:log'; jobId: string; level: 'info' | 'warn' | 'error'; at: string } & LogFields);

export interface NewJobRequest {
  paths: string[];
  backend?: BackendKind;
  profile?: string;
  /** Readable prefix; a random suffix is always added for the cloud. */
  name?: string;
  /** Download the result when done (default true). */
  autoDownload?: boolean;
  downloadDir?: string;
  /**
   * Photos of `paths` left out, by displayPath: what a review dropped from inside a zip (a zip is sent
   * as the photos it holds, so `paths` cannot name the rest). A scan of `paths` leaves them out again.
   */
  leaveOut?: string[];
}

/** What the app service, the bridge and the CLI use. Implemented in main/core/jobs/manager.ts. */
export interface JobManager {
  list(): Job[];
  get(id: string): Job | undefined;
  /** Reads the journal (once) without starting anything: for a read-only look at the jobs. */
  load(): Promise<void>;
  /**
   * Journals a new job and starts it. With `scanned` (a review's scan of exactly `req.paths`), the job
   * takes that set instead of scanning again; `notes` go to its log as a scan's would.
   */
  create(req: NewJobRequest, scanned?: { set: PhotoSet; notes: ScanNote[] }): Promise<Job>;
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
