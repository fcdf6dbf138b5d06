/**
 * Desktop manners, driven by the service's job events: the taskbar/dock progress bar, a keep-awake
 * blocker while work runs here, and a notification when a job ends whose click opens the result.
 * Electron comes in as a parameter (index.ts passes the real modules, the test recording fakes).
 */
import type { ApiEventName, Job } from '../contract/index.js';
import { noticeFor, taskbarProgress, type JobNotice, type NoticeTarget } from './job-feedback.js';
import type { Translate } from './i18n.js';
import { createKeepAwake, type PowerSaveBlockerApi } from './keep-awake.js';

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface WindowLike {
  isDestroyed(): boolean;
  setProgressBar(value: number, options?: { mode: 'none' | 'normal' | 'paused' }): void;
}

export interface MannersElectron {
  powerSaveBlocker: PowerSaveBlockerApi;
  notificationsSupported(): boolean;
  createNotification(options: { title: string; body: string }): NotificationLike;
  shell: { openPath(path: string): Promise<string> };
}

export interface MannersOptions {
  electron: MannersElectron;
  /** Subscribes to the service's events (Service.subscribe). */
  subscribe(listener: (event: ApiEventName, payload: unknown) => void): () => void;
  /** The window that shows the progress bar (undefined while there is none). */
  window(): WindowLike | undefined;
  platform: NodeJS.Platform;
  t: Translate;
  /** The one sanitiser for text that may come from a server. */
  clean(text: string): string;
  /** Brings the app forward at the job (a failed job, or a result without a local folder). */
  showJob(jobId: string): void;
}

export interface Manners {
  /** The jobs as the events told them. */
  jobs(): Job[];
  /**
   * Adds jobs the events have not mentioned yet (the journal's, once loaded); a job already known
   * keeps its newer event state. A job first seen here and already ended announces nothing.
   */
  seed(jobs: readonly Job[]): void;
  /** Releases the keep-awake blocker and clears the bar (quit). */
  dispose(): void;
}

export function startDesktopManners(opts: MannersOptions): Manners {
  const { electron } = opts;
  const jobs = new Map<string, Job>();
  const keepAwake = createKeepAwake(electron.powerSaveBlocker);
  // Kept so a notification is not garbage-collected (and its click lost) before it is clicked.
  const shown = new Set<NotificationLike>();

  const open = (target: NoticeTarget) => {
    if (target.kind === 'job') return opts.showJob(target.jobId);
    // A folder that is gone (moved, deleted) still brings the app forward at the job.
    void electron.shell.openPath(target.path).then(
      (err) => (err ? opts.showJob(target.jobId) : undefined),
      () => opts.showJob(target.jobId),
    );
  };

  const notify = (note: JobNotice) => {
    if (!electron.notificationsSupported()) return;
    const n = electron.createNotification({ title: note.title, body: note.body });
    shown.add(n);
    n.on('click', () => {
      shown.delete(n);
      open(note.target);
    });
    n.show();
  };

  const refresh = () => {
    keepAwake.update(jobs.values());
    const win = opts.window();
    if (win && !win.isDestroyed()) {
      const p = taskbarProgress(jobs.values(), opts.platform);
      win.setProgressBar(p.value, { mode: p.mode });
    }
  };

  const unsubscribe = opts.subscribe((event, payload) => {
    if (event === 'job:state') {
      const { job } = payload as { job: Job };
      const note = noticeFor(jobs.get(job.id)?.state, job, opts.t, opts.clean);
      jobs.set(job.id, job);
      if (note) notify(note);
    } else if (event === 'job:progress') {
      const { jobId, progress } = payload as { jobId: string; progress: Job['progress'] };
      const j = jobs.get(jobId);
      if (!j) return;
      jobs.set(jobId, { ...j, progress });
    } else {
      return;
    }
    refresh();
  });
  refresh();

  return {
    jobs: () => [...jobs.values()],
    seed(list) {
      for (const j of list) if (!jobs.has(j.id)) jobs.set(j.id, j);
      refresh();
    },
    dispose() {
      unsubscribe();
      keepAwake.release();
      const win = opts.window();
      if (win && !win.isDestroyed()) win.setProgressBar(-1, { mode: 'none' });
    },
  };
}
