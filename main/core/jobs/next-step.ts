/**
 * What a person can do about a job that stopped, derived from its error's class and code (the one
 * classification). `scanbridge resume` lists failed jobs with this; the UI can show the same.
 */
import { ERROR_TABLE, EXIT } from '../error-table.js';
import type { Job } from './types.js';

export type NextStepKind =
  /** Transient: continue where it stopped (`scanbridge resume`). */
  | 'resume'
  /** The cloud forgot the project: upload the photos again as a new project (costs credit again). */
  | 'retry-new-project'
  /** The token is missing or refused. */
  | 'fix-token'
  /** Over a limit or out of credit. */
  | 'fix-set'
  /** Our input (files changed, disk full): fix it, then retry. */
  | 'fix-input'
  /** The server refused or failed for good: retry once it is fixed, or use another backend. */
  | 'retry-later-or-elsewhere'
  | 'none';

export interface NextStep {
  kind: NextStepKind;
  /** The command that does it, when there is one. */
  command?: string;
  /** One sentence for people. */
  say: string;
}

export function nextStepFor(job: Pick<Job, 'id' | 'state' | 'error' | 'projectName'>): NextStep {
  if (job.state !== 'failed' || !job.error) return { kind: 'none', say: '' };
  const e = job.error;
  if (e.retryable)
    return {
      kind: 'resume',
      command: 'scanbridge resume',
      say: 'It stopped on a temporary failure; resume continues where it stopped.',
    };
  if (e.code === 'PROJECT_NOT_FOUND')
    return {
      kind: 'retry-new-project',
      command: `scanbridge retry ${job.id}`,
      say: `The cloud no longer knows ${job.projectName}; retry uploads the photos again as a new project (this uses credit again).`,
    };
  const exit = ERROR_TABLE[e.code].exit;
  if (exit === EXIT.AUTH)
    return {
      kind: 'fix-token',
      command: 'scanbridge token set',
      say: 'Set a valid token, then retry the job.',
    };
  if (exit === EXIT.LIMITS)
    return { kind: 'fix-set', say: 'Remove photos or add credit, then start the job again.' };
  if (exit === EXIT.INPUT)
    return {
      kind: 'fix-input',
      command: `scanbridge retry ${job.id}`,
      say: 'Fix what the message names (files, disk), then retry.',
    };
  return {
    kind: 'retry-later-or-elsewhere',
    command: `scanbridge retry ${job.id}`,
    say: 'The server refused or failed; retry once it is fixed, or send the set to another backend.',
  };
}
