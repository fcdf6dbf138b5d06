import { isWorking, type Job } from '../contract/index.js';

/**
 * Whether a job needs this computer awake: it works here (scans, creates, uploads, downloads,
 * reconstructs with the local COLMAP). A cloud or NodeODM job that is 'processing' only waits for
 * the server (the poll picks up again after a sleep), and queued/paused/finished jobs do nothing,
 * so none of those keeps a laptop from sleeping for hours.
 */
export function worksHere(job: Pick<Job, 'state' | 'backend'>): boolean {
  if (!isWorking(job.state)) return false;
  return job.state !== 'processing' || job.backend === 'local';
}

/** The slice of Electron's powerSaveBlocker the controller uses (a test passes a recording fake). */
export interface PowerSaveBlockerApi {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): void;
}

export interface KeepAwake {
  /** Starts or releases the blocker to match the jobs. */
  update(jobs: Iterable<Pick<Job, 'state' | 'backend'>>): void;
  /** Releases the blocker (quit). */
  release(): void;
  readonly holding: boolean;
}

/**
 * Holds at most one 'prevent-app-suspension' blocker (the system may turn the screen off, but not
 * suspend) while any job works here, and releases it as soon as none does.
 */
export function createKeepAwake(api: PowerSaveBlockerApi): KeepAwake {
  let id: number | undefined;
  const release = () => {
    if (id === undefined) return;
    api.stop(id);
    id = undefined;
  };
  return {
    update(jobs) {
      const need = [...jobs].some(worksHere);
      if (need && id === undefined) id = api.start('prevent-app-suspension');
      else if (!need) release();
    },
    release,
    get holding() {
      return id !== undefined;
    },
  };
}
