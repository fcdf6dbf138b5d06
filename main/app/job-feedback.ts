import { isWorking, type Job } from '../contract/index.js';

/**
 * One number for the taskbar/dock from many jobs: bytes-weighted mean of the active jobs'
 * fractions, or -1 (Electron's "remove the bar") when nothing is running.
 */
export function overallProgress(jobs: Iterable<Pick<Job, 'state' | 'progress'>>): number {
  let weight = 0;
  let done = 0;
  for (const j of jobs) {
    if (!isWorking(j.state)) continue;
    const w = Math.max(j.progress.bytesTotal, 1);
    const f = Number.isFinite(j.progress.fraction) ? Math.min(Math.max(j.progress.fraction, 0), 1) : 0;
    weight += w;
    done += w * f;
  }
  return weight === 0 ? -1 : done / weight;
}

export interface NotificationText {
  title: string;
  body: string;
}

/** A notification when a job reaches an end the user should hear about; undefined otherwise. */
export function notificationFor(prev: Job['state'] | undefined, job: Job): NotificationText | undefined {
  if (prev === job.state) return undefined;
  if (job.state === 'done') {
    return { title: 'Model ready', body: `“${job.projectName}” has finished.` };
  }
  if (job.state === 'failed') {
    const why = job.error?.message ? ` ${job.error.message}` : '';
    return { title: 'Job failed', body: `“${job.projectName}” failed.${why}`.slice(0, 240) };
  }
  return undefined;
}
