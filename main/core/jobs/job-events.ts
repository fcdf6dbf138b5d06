/**
 * The job manager's announcements: listeners of job events, and the job log (one sanitised line per
 * message, to the process log and as a `job:log` event). Kept apart from the running of jobs so the
 * log's shape can change without touching the steps.
 */
import { logFields, type LogText } from '../log-line.js';
import type { JobEvent } from './types.js';

export type JobLogLevel = 'info' | 'warn' | 'error';
/**
 * Adds a line to a job's log (what the app's log view and the CLI's `-v` show): a coded line
 * (main/contract/log-lines.ts) or a tool's own line.
 */
export type JobLog = (jobId: string, level: JobLogLevel, line: LogText) => void;

export interface JobEvents {
  emit(e: JobEvent): void;
  subscribe(listener: (e: JobEvent) => void): () => void;
  log: JobLog;
}

export function createJobEvents(deps: {
  now: () => Date;
  /** The process log (a line per job log line and per failing listener). */
  log?: (line: string) => void;
}): JobEvents {
  const listeners = new Set<(e: JobEvent) => void>();
  const emit = (e: JobEvent) => {
    // One listener's failure (a closed window, a gone SSE client) must not stop the others or the job.
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        deps.log?.(`listener failed: ${(err as Error).message}`);
      }
    }
  };
  const log: JobLog = (id, level, line) => {
    // Log lines quote servers (statuses, console output): one line, no escape sequences (logFields).
    const fields = logFields(line);
    deps.log?.(`[${id}] ${level}: ${fields.message}`);
    emit({ type: 'job:log', jobId: id, level, ...fields, at: deps.now().toISOString() });
  };
  return {
    emit,
    log,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
