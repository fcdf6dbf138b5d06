/** `scanbridge upload` and `scanbridge resume`: run jobs to the point asked for, with progress. */
import path from 'node:path';
import { makeProjectName } from '../../core/names/project-name.js';
import { namePrefixFor, type Runtime } from '../../core/runtime.js';
import type { BackendKind, Job } from '../../core/jobs/types.js';
import { isFailed, isFinished } from '../../contract/job-states.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { jobSummary, createReporter } from '../output.js';
import { withRuntime, type GlobalOptions } from '../context.js';

export interface UploadOptions extends GlobalOptions {
  name?: string;
  concurrency?: number;
  partSize?: number;
  wait?: boolean;
  download?: string;
  backend?: BackendKind;
}

/** Resolves when every given job is terminal, or (without wait) has handed off to processing. */
function until(rt: Runtime, ids: string[], wait: boolean): Promise<Job[]> {
  const reached = (j: Job | undefined) => !j || isFinished(j.state) || (!wait && j.state === 'processing');
  return new Promise((resolve) => {
    const check = () => {
      const jobs = ids.map((id) => rt.jobs.get(id));
      if (jobs.every(reached)) {
        off();
        resolve(jobs.filter((j): j is Job => j !== undefined));
      }
    };
    const off = rt.jobs.subscribe((e) => {
      if (e.type === 'job:state') check();
    });
    check();
  });
}

/** Ctrl-C pauses (journaled) instead of killing mid-part; the job resumes with `scanbridge resume`. */
function pauseOnInterrupt(rt: Runtime, ids: () => string[]): () => void {
  let interrupted = false;
  const handler = () => {
    if (interrupted) process.exit(EXIT.CANCELLED);
    interrupted = true;
    process.stderr.write(
      '\nPausing… (Ctrl-C again to quit at once). Continue later with: scanbridge resume\n',
    );
    void Promise.all(ids().map((id) => rt.jobs.pause(id)))
      .then(() => rt.close())
      .finally(() => process.exit(EXIT.CANCELLED));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function finish(jobs: Job[], o: GlobalOptions, startedAt: number, wait: boolean): number {
  if (o.json)
    process.stdout.write(
      `${JSON.stringify(jobs.length === 1 ? jobSummary(jobs[0]!, startedAt) : jobs.map((j) => jobSummary(j, startedAt)))}\n`,
    );
  for (const j of jobs) {
    if (!o.json && j.state === 'processing' && !wait)
      process.stderr.write(
        `${j.projectName}: uploaded and started. Follow it with: scanbridge status ${j.projectName}\n`,
      );
    if (!o.json && j.state === 'done' && j.result?.folder)
      process.stderr.write(`${j.projectName}: model saved in ${j.result.folder}\n`);
  }
  const failed = jobs.find((j) => isFailed(j.state));
  if (!failed) return EXIT.OK;
  return failed.state === 'cancelled' ? EXIT.CANCELLED : exitCodeFor(failed.error?.code);
}

export async function uploadCommand(paths: string[], o: UploadOptions): Promise<number> {
  const startedAt = Date.now();
  return withRuntime(
    o,
    { uploadOverrides: { concurrency: o.concurrency, partSize: o.partSize } },
    async (rt) => {
      const reporter = createReporter({ json: Boolean(o.json), tty: Boolean(process.stderr.isTTY) });
      const off = rt.jobs.subscribe((e) => reporter.onEvent(e));
      const wait = Boolean(o.wait || o.download);
      const req = {
        paths: paths.map((p) => path.resolve(p)),
        backend: o.backend ?? 'cloud',
        name: makeProjectName(o.name ?? namePrefixFor({ paths })),
        autoDownload: o.download ? true : rt.settings.get().autoDownload,
        downloadDir: o.download ? path.resolve(o.download) : undefined,
      };
      const job = await rt.jobs.create(req);
      const stopInterrupt = pauseOnInterrupt(rt, () => [job.id]);
      const done = await until(rt, [job.id], wait);
      stopInterrupt();
      reporter.stop();
      off();
      return finish(done, o, startedAt, wait);
    },
  );
}

export async function resumeCommand(o: GlobalOptions & { wait?: boolean }): Promise<number> {
  const startedAt = Date.now();
  return withRuntime(o, {}, async (rt) => {
    const reporter = createReporter({ json: Boolean(o.json), tty: Boolean(process.stderr.isTTY) });
    const off = rt.jobs.subscribe((e) => reporter.onEvent(e));
    await rt.jobs.resumeAll({ includePaused: true });
    // Jobs that gave up on a transient failure (network down, server busy) are tried again too.
    for (const j of rt.jobs.list()) if (j.state === 'failed' && j.error?.retryable) await rt.jobs.retry(j.id);
    const ids = rt.jobs
      .list()
      .filter((j) => !isFinished(j.state))
      .map((j) => j.id);
    if (ids.length === 0) {
      if (!o.json) process.stderr.write('Nothing to resume: every job has finished.\n');
      else process.stdout.write('[]\n');
      off();
      return EXIT.OK;
    }
    const stopInterrupt = pauseOnInterrupt(rt, () => ids);
    const done = await until(rt, ids, Boolean(o.wait));
    stopInterrupt();
    reporter.stop();
    off();
    return finish(done, o, startedAt, Boolean(o.wait));
  });
}
