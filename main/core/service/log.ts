/**
 * The in-memory log the Log view shows and diagnostics saves: a ring buffer (old lines drop off so a
 * week-long session cannot grow without bound), every line passed through redaction first.
 */
import type { LogEntry } from '../../contract/index.js';

export interface ServiceLog {
  add(level: LogEntry['level'], message: string, jobId?: string): void;
  entries(): LogEntry[];
}

export function createServiceLog(opts: {
  max?: number;
  redact: (t: string) => string;
  now?: () => Date;
}): ServiceLog {
  const max = opts.max ?? 2000;
  const now = opts.now ?? (() => new Date());
  const lines: LogEntry[] = [];
  return {
    add(level, message, jobId) {
      lines.push({
        at: now().toISOString(),
        level,
        message: opts.redact(message),
        ...(jobId ? { jobId } : {}),
      });
      if (lines.length > max) lines.splice(0, lines.length - max);
    },
    entries: () => lines.slice(),
  };
}
