/** `scanbridge watch <dir>`: the headless watcher for a scanner rig (e.g. a Raspberry Pi beside it). */
import path from 'node:path';
import type { BackendKind } from '../../core/jobs/types.js';
import { startWatcher } from '../../core/watch/watcher.js';
import { EXIT } from '../exit-codes.js';
import { createReporter } from '../output.js';
import { withRuntime, type GlobalOptions } from '../context.js';

export interface WatchCliOptions extends GlobalOptions {
  backend?: BackendKind;
  profile?: string;
  quiet?: number;
  marker?: string[];
  delete?: boolean;
  existing?: boolean;
}

export async function watchCommand(dir: string, o: WatchCliOptions): Promise<number> {
  return withRuntime(o, {}, async (rt) => {
    const reporter = createReporter({ json: false, tty: false });
    const off = rt.jobs.subscribe((e) => reporter.onEvent(e));
    await rt.jobs.resumeAll();
    const backend = o.backend ?? 'cloud';
    const watcher = await startWatcher(
      {
        folder: path.resolve(dir),
        backend,
        profile: o.profile ?? (backend === 'nodeodm' ? o.endpoint : undefined),
        after: o.delete ? 'delete' : 'keep',
        quietMs: (o.quiet ?? 30) * 1000,
        markers: o.marker,
        processExisting: o.existing,
      },
      {
        jobs: rt.jobs,
        dataDir: rt.dataDir,
        log: (level, m) => process.stderr.write(`${level === 'info' ? '' : `${level}: `}${m}\n`),
      },
    );
    process.stderr.write(`Watching ${watcher.root} (${backend}). Stop with Ctrl-C.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stderr.write('Stopping; unfinished jobs continue with the next start.\n');
    await watcher.close();
    off();
    return EXIT.OK;
  });
}
