import path from 'node:path';
import { isFinished, isWorking, type Job } from '../contract/index.js';
import { errorSentences } from '../../renderer/i18n/format-error.js';
import type { Translate } from './i18n.js';

type ProgressInput = Pick<Job, 'state' | 'progress'>;

/** Bytes-weighted mean of the jobs' fractions (junk clamped), or -1 when there are none. */
function weightedFraction(jobs: readonly ProgressInput[]): number {
  let weight = 0;
  let done = 0;
  for (const j of jobs) {
    const w = Math.max(j.progress.bytesTotal, 1);
    const f = Number.isFinite(j.progress.fraction) ? Math.min(Math.max(j.progress.fraction, 0), 1) : 0;
    weight += w;
    done += w * f;
  }
  return weight === 0 ? -1 : done / weight;
}

/**
 * One number for the taskbar/dock from many jobs: bytes-weighted mean of the working jobs'
 * fractions, or -1 (Electron's "remove the bar") when nothing is running.
 */
export function overallProgress(jobs: Iterable<ProgressInput>): number {
  return weightedFraction([...jobs].filter((j) => isWorking(j.state)));
}

export interface TaskbarProgress {
  /** BrowserWindow.setProgressBar's value: 0..1, or -1 to remove the bar. */
  value: number;
  mode: 'none' | 'normal' | 'paused';
}

/**
 * What the taskbar/dock bar shows: the working jobs' progress; when nothing works but jobs are
 * paused, their progress in Windows' "paused" (yellow) style. Only Windows draws that style: on
 * macOS and Linux a bar that stands still would read as "working", so there it is removed.
 */
export function taskbarProgress(jobs: Iterable<ProgressInput>, platform: NodeJS.Platform): TaskbarProgress {
  const all = [...jobs];
  const working = weightedFraction(all.filter((j) => isWorking(j.state)));
  if (working >= 0) return { value: working, mode: 'normal' };
  if (platform === 'win32') {
    const paused = weightedFraction(all.filter((j) => j.state === 'paused'));
    if (paused >= 0) return { value: paused, mode: 'paused' };
  }
  return { value: -1, mode: 'none' };
}

/** What a click on the notification opens: the result folder, or the app at the job. */
export type NoticeTarget = { kind: 'folder'; path: string; jobId: string } | { kind: 'job'; jobId: string };

export interface JobNotice {
  title: string;
  body: string;
  target: NoticeTarget;
}

/** The name a person recognises: the project name, else the folder/zip the set came from. */
function displayName(job: Job): string {
  if (job.projectName) return job.projectName;
  const first = job.source.paths[0];
  return first ? path.basename(first) : job.id;
}

/**
 * A notification when a job reaches an end the person should hear about (done, failed), once: only
 * on the change from a state we saw before that was not an end (a job first seen already done, e.g.
 * when its download link is noted, says nothing). Cancelled is the person's own doing: no notice.
 * `clean` is the sanitiser for text that may come from a server (project names do, on NodeODM);
 * the failure reason is the catalogue's text for the error code and params, never the core's sentence
 * (a server's own words only as a quoted, sanitised param).
 */
export function noticeFor(
  prev: Job['state'] | undefined,
  job: Job,
  t: Translate,
  clean: (text: string) => string,
): JobNotice | undefined {
  if (prev === undefined || prev === job.state || isFinished(prev)) return undefined;
  const name = clean(displayName(job)).slice(0, 80);
  if (job.state === 'done') {
    const folder = job.result?.folder;
    return {
      title: t('desktop.notify.doneTitle'),
      body: t('desktop.notify.doneBody', { name }),
      target: folder ? { kind: 'folder', path: folder, jobId: job.id } : { kind: 'job', jobId: job.id },
    };
  }
  if (job.state === 'failed') {
    // The code's sentence and, when the error carries them, its specifics (which limit, which file…).
    const said = errorSentences(t, job.error ?? { code: 'INTERNAL', message: '' });
    const reason = said.detail ? `${said.title} ${said.detail}` : said.title;
    return {
      title: t('desktop.notify.failedTitle'),
      body: t('desktop.notify.failedBody', { name, reason }),
      target: { kind: 'job', jobId: job.id },
    };
  }
  return undefined;
}
