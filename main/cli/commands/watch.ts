/** `scanbridge watch <dir>`: the headless watcher for a scanner rig (e.g. a Raspberry Pi beside it). */
import type { BackendKind } from '../../core/jobs/types.js';
import { EXIT } from '../exit-codes.js';
import { cliText, languageFor } from '../cli-language.js';
import { createReporter, logLineOut } from '../output.js';
import { endpointFrom, withService, type GlobalOptions } from '../context.js';
import { stderrTerminal } from '../terminal.js';

export interface WatchCliOptions extends GlobalOptions {
  backend?: BackendKind;
  profile?: string;
  quiet?: number;
  marker?: string[];
  delete?: boolean;
  existing?: boolean;
}

export async function watchCommand(dir: string, o: WatchCliOptions): Promise<number> {
  const backend = o.backend ?? 'cloud';
  const profile = o.profile ?? (backend === 'nodeodm' ? endpointFrom(o) : undefined);
  return withService(backend === 'cloud' ? o : { ...o, endpoint: undefined }, {}, async ({ service }) => {
    const term = stderrTerminal();
    // Job lines come from the service's events; the watcher's own lines say what it decided. Each once.
    const known = await service.listJobs();
    const text = await cliText(languageFor(o));
    const reporter = createReporter({
      json: false,
      term: { ...term, tty: false, status: () => undefined },
      text,
      verbose: o.verbose,
      known,
    });
    const off = service.subscribe(reporter.listener);
    const watcher = await service.watchFolder(
      {
        folder: dir,
        backend,
        profile,
        after: o.delete ? 'delete' : 'keep',
        quietMs: (o.quiet ?? 30) * 1000,
        markers: o.marker,
        processExisting: o.existing,
      },
      (level, line) => term.line(logLineOut(text, term, level, line)),
    );
    // Listening before saying so: a Ctrl-C right after the line must stop us cleanly, not kill us.
    const stop = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    term.line(text.t('cliCmd.watch.watching', { folder: watcher.root, backend }));
    await stop;
    term.line(text.t('cliCmd.watch.stopping'));
    await watcher.close();
    off();
    return EXIT.OK;
  });
}
