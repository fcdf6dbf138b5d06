import type { MessageBoxOptions } from 'electron';
import type { Job } from '../contract/index.js';
import type { Translate } from './i18n.js';
import { worksHere } from './keep-awake.js';

export const QUIT_BUTTON = 0;
export const KEEP_BUTTON = 1;

/**
 * The jobs a quit would interrupt: those working on this computer (a cloud job that only waits for
 * the server loses nothing: the journal resumes its polling at the next start, so it asks nothing).
 */
export function jobsAQuitInterrupts(jobs: Iterable<Job>): Job[] {
  return [...jobs].filter(worksHere);
}

/** The "quit while uploading?" dialog, or undefined when nothing would be interrupted (quit at once). */
export function quitPrompt(jobs: Iterable<Job>, t: Translate): MessageBoxOptions | undefined {
  const count = jobsAQuitInterrupts(jobs).length;
  if (count === 0) return undefined;
  const buttons: string[] = [];
  buttons[QUIT_BUTTON] = t('desktop.quit.quit');
  buttons[KEEP_BUTTON] = t('desktop.quit.keep');
  return {
    type: 'question',
    title: t('desktop.quit.title'),
    message: t('desktop.quit.message', { count }),
    detail: t('desktop.quit.detail'),
    buttons,
    // Enter and Escape both keep the work running: quitting is the choice that needs a click.
    defaultId: KEEP_BUTTON,
    cancelId: KEEP_BUTTON,
    noLink: true,
  };
}

export interface QuitDeps {
  listJobs(): Promise<Job[]>;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  /** The service's pauseJob: resolves once the job stopped and its journal holds 'paused'. */
  pauseJob(id: string): Promise<unknown>;
  t: Translate;
}

export type QuitDecision = { quit: false } | { quit: true; paused: string[] };

/**
 * Asks when a quit would interrupt work; on Quit pauses those jobs through the service (each pause
 * resolves after the journal is written) and returns their ids, so the next start resumes them. A
 * pause that fails does not block the quit: the journal still holds the job's last step.
 */
export async function confirmQuit(deps: QuitDeps): Promise<QuitDecision> {
  const jobs = await deps.listJobs();
  const prompt = quitPrompt(jobs, deps.t);
  if (!prompt) return { quit: true, paused: [] };
  const { response } = await deps.showMessageBox(prompt);
  if (response !== QUIT_BUTTON) return { quit: false };
  const ids = jobsAQuitInterrupts(jobs).map((j) => j.id);
  const results = await Promise.allSettled(ids.map((id) => deps.pauseJob(id)));
  return { quit: true, paused: ids.filter((_, i) => results[i]?.status === 'fulfilled') };
}
