/** `scanbridge upload` and `scanbridge resume`: run jobs to the point asked for, with progress. */
import path from 'node:path';
import type { BackendKind, Job } from '../../core/jobs/types.js';
import type { Service } from '../../core/service/index.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { printable } from '../format.js';
import { cliText, languageFor, type CliText } from '../cli-language.js';
import { createReporter, jobSummary } from '../output.js';
import { failedJobLines } from './next-steps.js';
import { endpointFrom, withService, type GlobalOptions } from '../context.js';
import { stderrTerminal, type Terminal } from '../terminal.js';

export interface UploadOptions extends GlobalOptions {
  name?: string;
  concurrency?: number;
  partSize?: number;
  wait?: boolean;
  download?: string;
  backend?: BackendKind;
  profile?: string;
  nodeToken?: string;
  option?: Record<string, unknown>;
}

/** Ctrl-C pauses (journaled) instead of killing mid-part; the job resumes with `scanbridge resume`. */
function pauseOnInterrupt(
  svc: Service,
  term: Terminal,
  text: CliText,
  ids: () => string[],
  onDone: () => Promise<void>,
) {
  let interrupted = false;
  const handler = () => {
    if (interrupted) process.exit(EXIT.CANCELLED);
    interrupted = true;
    term.line(text.t('cli.pausing'));
    void Promise.all(ids().map((id) => svc.pauseJob(id).catch(() => undefined)))
      .then(onDone)
      .finally(() => process.exit(EXIT.CANCELLED));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export function finish(
  jobs: Job[],
  o: GlobalOptions,
  term: Terminal,
  text: CliText,
  startedAt: number,
  wait: boolean,
): number {
  if (o.json) {
    const out = jobs.map((j) => jobSummary(j, startedAt));
    process.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out)}\n`);
  }
  for (const j of jobs) {
    const name = printable(j.projectName || j.id, 120);
    if (o.json) continue;
    if (j.state === 'processing' && !wait) term.line(text.t('cli.uploadedStarted', { name }));
    if (j.state === 'done' && j.result?.folder)
      term.line(text.t('cli.modelSaved', { name, folder: printable(j.result.folder, 1000) }));
    else if (j.state === 'done' && wait) term.line(text.t('cli.doneDownload', { name }));
  }
  const failed = jobs.find((j) => j.state === 'failed' || j.state === 'cancelled' || j.state === 'paused');
  if (!failed) return EXIT.OK;
  if (failed.state !== 'failed') return EXIT.CANCELLED;
  return exitCodeFor(failed.error?.code);
}

export async function follow(
  svc: Service,
  o: GlobalOptions,
  ids: string[],
  wait: boolean,
  closeAll: () => Promise<void>,
): Promise<Job[]> {
  const term = stderrTerminal();
  const stop = pauseOnInterrupt(svc, term, await cliText(languageFor(o)), () => ids, closeAll);
  try {
    return await svc.waitForJobs(ids, { untilProcessing: !wait });
  } finally {
    stop();
  }
}

export async function uploadCommand(paths: string[], o: UploadOptions): Promise<number> {
  const startedAt = Date.now();
  const backend = o.backend ?? 'cloud';
  // NodeODM without a saved profile: the node's address is the profile; its token is for this run only.
  const profile = o.profile ?? (backend === 'nodeodm' ? endpointFrom(o) : undefined);
  const wait = Boolean(o.wait || o.download);
  return withService(
    backend === 'cloud' ? o : { ...o, endpoint: undefined },
    {
      uploadOverrides: { concurrency: o.concurrency, partSize: o.partSize },
      nodeOdmOverrides: { token: o.nodeToken, options: o.option },
    },
    async ({ service: svc, runtime }) => {
      const term = stderrTerminal();
      const text = await cliText(languageFor(o));
      const reporter = createReporter({ json: Boolean(o.json), term, text, verbose: o.verbose });
      const off = svc.subscribe(reporter.listener);
      try {
        const job = await svc.createJobWith({
          paths: paths.map((p) => path.resolve(p)),
          backend,
          profile,
          name: o.name,
          // --wait alone waits; only --download downloads (as --help says).
          autoDownload: Boolean(o.download),
          downloadDir: o.download ? path.resolve(o.download) : undefined,
        });
        const done = await follow(svc, o, [job.id], wait, () => runtime.close());
        reporter.stop();
        return finish(done, o, term, text, startedAt, wait);
      } finally {
        reporter.stop();
        off();
      }
    },
  );
}

export async function resumeCommand(o: GlobalOptions & { wait?: boolean }): Promise<number> {
  const startedAt = Date.now();
  return withService(o, {}, async ({ service: svc, runtime }) => {
    const term = stderrTerminal();
    // What the journal says now is old news: only changes from here on are printed.
    const known = await svc.listJobs();
    let ids: string[] | undefined;
    const text = await cliText(languageFor(o));
    const reporter = createReporter({
      json: Boolean(o.json),
      term,
      text,
      verbose: o.verbose,
      known,
      only: () => (ids ? new Set(ids) : undefined),
    });
    const off = svc.subscribe(reporter.listener);
    try {
      const unfinished = await svc.resumeUnfinished({ includeProcessing: Boolean(o.wait) });
      ids = unfinished.map((j) => j.id);
      // Failed jobs resume cannot continue (the server refused, the cloud forgot…): say what will.
      const stuck = o.json ? [] : failedJobLines(await svc.listJobs(), text);
      if (ids.length === 0) {
        const processing = known.filter((j) => j.state === 'processing').length;
        if (o.json) process.stdout.write('[]\n');
        else if (stuck.length > 0) {
          term.line(text.t('cli.nothingFailed'));
          for (const l of stuck) term.line(l);
        } else {
          term.line(text.t('cli.nothingLeft'));
          if (processing > 0) term.line(text.t('cli.stillProcessing', { count: processing }));
        }
        return EXIT.OK;
      }
      if (stuck.length > 0) {
        term.line(text.t('cli.failedNotResumed'));
        for (const l of stuck) term.line(l);
      }
      const done = await follow(svc, o, ids, Boolean(o.wait), () => runtime.close());
      reporter.stop();
      return finish(done, o, term, text, startedAt, Boolean(o.wait));
    } finally {
      reporter.stop();
      off();
    }
  });
}
