/**
 * Watch folders on the service (`scanbridge watch`, a rig's headless watcher): unfinished jobs go on
 * first, then each complete set in the folder becomes one job of this service's job manager, exactly
 * once across restarts (watch/watcher.ts). The front end only says what to watch and prints.
 */
import path from 'node:path';
import { startWatcher, type Watcher, type WatchRule } from '../watch/watcher.js';
import { logFields, type LogFields } from '../log-line.js';
import { redactLogFields } from './log.js';
import type { ServiceContext } from './context.js';
import type { JobExtras } from './jobs.js';

export interface WatchExtras {
  /** Continues the unfinished jobs, then watches `rule.folder` (a relative path is the process's). */
  /** `log` gets the watcher's lines as the log's fields (coded, tokens removed): say them with output.ts. */
  watchFolder(
    rule: WatchRule,
    log?: (level: 'info' | 'warn' | 'error', line: LogFields) => void,
  ): Promise<Watcher>;
}

export function createWatchHandlers(
  ctx: ServiceContext,
  jobs: Pick<JobExtras, 'resumeUnfinished'>,
): WatchExtras {
  return {
    async watchFolder(rule, log) {
      await jobs.resumeUnfinished();
      return startWatcher(
        { ...rule, folder: path.resolve(rule.folder) },
        {
          jobs: ctx.deps.jobs,
          dataDir: ctx.deps.dataDir,
          log: (level, line) => log?.(level, redactLogFields(logFields(line), ctx.redact)),
        },
      );
    },
  };
}
