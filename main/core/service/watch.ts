/**
 * Watch folders on the service (`scanbridge watch`, a rig's headless watcher): unfinished jobs go on
 * first, then each complete set in the folder becomes one job of this service's job manager, exactly
 * once across restarts (watch/watcher.ts). The front end only says what to watch and prints.
 */
import path from 'node:path';
import { startWatcher, type WatchDeps, type Watcher, type WatchRule } from '../watch/watcher.js';
import type { ServiceContext } from './context.js';
import type { JobExtras } from './jobs.js';

export interface WatchExtras {
  /** Continues the unfinished jobs, then watches `rule.folder` (a relative path is the process's). */
  watchFolder(rule: WatchRule, log: WatchDeps['log']): Promise<Watcher>;
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
        { jobs: ctx.deps.jobs, dataDir: ctx.deps.dataDir, log },
      );
    },
  };
}
