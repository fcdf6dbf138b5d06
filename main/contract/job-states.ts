/**
 * The one list of job states and their groups. Every state is placed in exactly one phase below (the
 * `satisfies` makes a new state in JobStateSchema a compile error until it is placed), and the groups
 * every side asks about (active, working, finished, failed) are derived from that one table.
 */
import { JobStateSchema } from './schemas.js';
import type { JobState } from './types.js';

type Phase = 'waiting' | 'working' | 'succeeded' | 'failed';

const PHASE = {
  queued: 'waiting', // accepted, waiting for a slot
  scanning: 'working', // reading headers, checking the set
  creating: 'working', // creating the project / task on the backend
  uploading: 'working',
  paused: 'waiting',
  starting: 'working', // all parts in, starting processing
  processing: 'working', // the backend works on it; we poll
  downloading: 'working',
  done: 'succeeded',
  failed: 'failed',
  cancelled: 'failed',
} as const satisfies Record<JobState, Phase>;

/** Every state, in the order a job goes through them. */
export const JOB_STATES: readonly JobState[] = JobStateSchema.options;

const where = (...phases: Phase[]): readonly JobState[] =>
  JOB_STATES.filter((s) => (phases as string[]).includes(PHASE[s]));

/** Not finished: queued, paused or working (what the Queue lists and the manager resumes). */
export const ACTIVE_STATES = where('waiting', 'working');
/** Doing work right now, holding a slot (what the taskbar progress counts): active minus queued/paused. */
export const WORKING_STATES = where('working');
/** Ended: no more work unless the person retries (done, failed, cancelled). */
export const FINISHED_STATES = where('succeeded', 'failed');
/** Ended without a result (failed, cancelled). */
export const FAILED_STATES = where('failed');

export const isActive = (s: JobState): boolean => ACTIVE_STATES.includes(s);
export const isWorking = (s: JobState): boolean => WORKING_STATES.includes(s);
export const isFinished = (s: JobState): boolean => FINISHED_STATES.includes(s);
export const isFailed = (s: JobState): boolean => FAILED_STATES.includes(s);
