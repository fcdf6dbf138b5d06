/**
 * The in-memory log the Log view shows and diagnostics saves: a ring buffer (old lines drop off so a
 * week-long session cannot grow without bound), every line passed through redaction first. A line is
 * coded (main/contract/log-lines.ts: the front ends say it in the person's language) or a tool's own.
 */
import { redactError, redactParams, type LogEntry } from '../../contract/index.js';
import { logFields, type LogFields, type LogText } from '../log-line.js';

export interface ServiceLog {
  /** A line the core writes, or the fields of one already made (a job's `job:log` event). */
  add(level: LogEntry['level'], line: LogText | LogFields, jobId?: string): void;
  entries(): LogEntry[];
}

/** A line's fields with every known token removed from its words (message, params, error). */
export function redactLogFields(f: LogFields, redact: (t: string) => string): LogFields {
  return {
    ...f,
    message: redact(f.message),
    ...(f.params ? { params: redactParams(f.params, redact) } : {}),
    ...(f.error ? { error: redactError(f.error, redact) } : {}),
  };
}

export const fieldsOf = (line: LogText | LogFields): LogFields =>
  'message' in line ? line : logFields(line);

export function createServiceLog(opts: {
  max?: number;
  redact: (t: string) => string;
  now?: () => Date;
}): ServiceLog {
  const max = opts.max ?? 2000;
  const now = opts.now ?? (() => new Date());
  const lines: LogEntry[] = [];
  return {
    add(level, line, jobId) {
      lines.push({
        at: now().toISOString(),
        level,
        ...redactLogFields(fieldsOf(line), opts.redact),
        ...(jobId ? { jobId } : {}),
      });
      if (lines.length > max) lines.splice(0, lines.length - max);
    },
    entries: () => lines.slice(),
  };
}
