/**
 * The job side of the service: create, list, pause/resume/cancel/retry/remove, and what a front end
 * that follows jobs to an end (the CLI) needs: resume everything unfinished, wait for jobs.
 */
import { InvalidInputError } from '../errors.js';
import type { BackendKind, Job } from '../jobs/types.js';
import { isFinished } from '../../contract/job-states.js';
import type { ScanBridgeHandlers } from '../../contract/index.js';
import { resolveUserPath } from './directory.js';
import { ok, type ServiceContext } from './context.js';
import type { ReviewedSet } from './photo-store.js';

export type JobHandlers = Pick<
  ScanBridgeHandlers,
  'createJob' | 'listJobs' | 'pauseJob' | 'resumeJob' | 'cancelJob' | 'retryJob' | 'retryCost' | 'removeJob'
>;

export interface JobRequest {
  paths: string[];
  backend: BackendKind;
  /** A saved profile's name; for NodeODM also a node address (http/https) used without a profile. */
  profile?: string | undefined;
  /** Readable prefix or a full name; see names/project-name.ts. */
  name?: string | undefined;
  /** Default: the autoDownload setting. */
  autoDownload?: boolean | undefined;
  /** Default: the downloadDir setting. */
  downloadDir?: string | undefined;
  /** The set of a review of exactly these paths (the job does not scan again). */
  scanned?: ReviewedSet | undefined;
  /** Photos of these paths left out (by displayPath); see NewJobRequest.leaveOut. */
  leaveOut?: string[] | undefined;
}

export interface JobExtras {
  createJobWith(req: JobRequest): Promise<Job>;
  /**
   * Continues paused and unfinished jobs and retries the ones that gave up on a transient failure.
   * Jobs already processing on their backend are followed only with `includeProcessing`.
   */
  resumeUnfinished(opts?: { includeProcessing?: boolean }): Promise<Job[]>;
  /** Resolves when every job is finished, or (with `untilProcessing`) has handed off to processing. */
  waitForJobs(ids: string[], opts: { untilProcessing: boolean }): Promise<Job[]>;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

export function createJobHandlers(ctx: ServiceContext): JobHandlers & JobExtras {
  const { deps, log, jobOrThrow } = ctx;

  const createJobWith = async (req: JobRequest): Promise<Job> => {
    if (req.backend === 'cloud') await ctx.tokenOrThrow();
    const s = deps.settings.get();
    const { profile } = req;
    const known = (p: string) => s.profiles.some((x) => x.name === p && x.kind === req.backend);
    if (profile && !known(profile) && !(req.backend === 'nodeodm' && isUrl(profile))) {
      throw new InvalidInputError(
        `There is no ${req.backend} profile named "${profile}".`,
        'Add it in Settings (or: scanbridge profiles add), or give the node address with --endpoint.',
        { detail: 'profileUnknown', params: { name: profile } },
      );
    }
    const downloadDir = req.downloadDir ?? s.downloadDir;
    const paths = req.paths.map((p) => resolveUserPath(p));
    // A review's set only for the very paths it scanned; anything else is scanned by the job.
    const scanned = req.scanned && samePaths(req.scanned.paths, paths) ? req.scanned : undefined;
    const job = await deps.jobs.create(
      {
        paths,
        backend: req.backend,
        ...(profile ? { profile } : {}),
        ...(req.name ? { name: req.name } : {}),
        autoDownload: req.autoDownload ?? s.autoDownload,
        ...(downloadDir ? { downloadDir } : {}),
        ...(req.leaveOut?.length ? { leaveOut: req.leaveOut } : {}),
      },
      scanned && { set: scanned.set, notes: scanned.notes },
    );
    log.add('info', { code: 'jobCreated', params: { job: job.id, project: job.projectName } }, job.id);
    return job;
  };

  return {
    createJob: async ({ paths, name, backend, profile, scanId, exclude }) => {
      if (exclude) return createJobWith({ ...kept(ctx, exclude), name, backend, profile });
      const review = scanId ? ctx.photos.review(scanId) : undefined;
      return createJobWith({ paths, name, backend, profile, scanned: review });
    },
    listJobs: async () => (await deps.jobs.load(), deps.jobs.list()),
    pauseJob: async (id) => (await deps.jobs.pause(jobOrThrow(id).id), ok),
    resumeJob: async (id) => (await deps.jobs.resume(jobOrThrow(id).id), ok),
    cancelJob: async (id) => (await deps.jobs.cancel(jobOrThrow(id).id), ok),
    retryJob: async (id) => (await deps.jobs.retry(jobOrThrow(id).id), ok),
    removeJob: async (id) => (await deps.jobs.remove(jobOrThrow(id).id), ok),
    retryCost: async (id) => {
      const job = jobOrThrow(id);
      // The manager starts a cloud job over as a new project when the cloud forgot it or it was
      // cancelled (jobs/manager.ts retry): that project costs credit again, as many bytes as the
      // zip the old one was cut from (its journaled handle), else the photos' bytes.
      const newProject =
        job.backend === 'cloud' && (job.state === 'cancelled' || job.error?.code === 'PROJECT_NOT_FOUND');
      if (!newProject) return { newProject, creditBytes: 0 };
      const handle = deps.backendOf?.(job)?.handle as { totalSize?: unknown } | undefined;
      const creditBytes = typeof handle?.totalSize === 'number' ? handle.totalSize : job.source.totalBytes;
      const creditLeft = await ctx
        .tokenOrThrow()
        .then((t) => deps.cloud.getTokenInfo(t))
        .then((i) => i.credit)
        .catch(() => undefined); // only a courtesy: the retry's own check says it exactly
      return { newProject, creditBytes, ...(creditLeft === undefined ? {} : { creditLeft }) };
    },

    createJobWith,
    resumeUnfinished: async (opts = {}) => {
      await deps.jobs.load();
      const ids: string[] = [];
      for (const j of deps.jobs.list()) {
        if (j.state === 'processing' && !opts.includeProcessing) continue;
        if (j.state === 'failed' && j.error?.retryable) await deps.jobs.retry(j.id);
        else if (!isFinished(j.state)) await deps.jobs.resume(j.id);
        else continue;
        ids.push(j.id);
      }
      return ids.map((id) => deps.jobs.get(id)).filter((j): j is Job => j !== undefined);
    },
    waitForJobs: (ids, { untilProcessing }) => {
      const reached = (j: Job | undefined) =>
        !j || isFinished(j.state) || (untilProcessing && j.state === 'processing');
      return new Promise((resolve) => {
        const check = () => {
          const jobs = ids.map((id) => deps.jobs.get(id));
          if (!jobs.every(reached)) return;
          off();
          resolve(jobs.filter((j): j is Job => j !== undefined));
        };
        const off = deps.jobs.subscribe((e) => {
          if (e.type === 'job:state') check();
        });
        check();
      });
    },
  };
}

const samePaths = (a: string[], b: string[]) => a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * A reviewed set minus the photos the person dropped: the review's set without them (the job does not
 * scan again) and the paths to scan should it have to (a retry as a new project). Loose files: the
 * kept files are the paths. Photos inside a zip cannot be named by a path: the job keeps the
 * review's paths and the dropped photos' names (leaveOut), which a scan of those paths leaves out.
 */
function kept(
  ctx: ServiceContext,
  exclude: { scanId: string; photoIds: string[] },
): { paths: string[]; scanned: ReviewedSet; leaveOut?: string[] } {
  const review = ctx.photos.review(exclude.scanId);
  const all = ctx.photos.list(exclude.scanId);
  if (!review || !all)
    throw new InvalidInputError('That set is no longer in the review.', 'Scan the set again.', {
      detail: 'notInReview',
      params: {},
    });
  const dropped = new Set(exclude.photoIds);
  const photos = all.filter((p) => !dropped.has(p.id)).map((p) => p.photo);
  if (photos.length === 0)
    throw new InvalidInputError('Every photo was left out: there is nothing to send.', undefined, {
      detail: 'nothingToSend',
      params: {},
    });
  const totalBytes = photos.reduce((n, p) => n + p.size, 0);
  const set = { photoCount: photos.length, totalBytes, photos };
  if (all.some((p) => p.photo.source.kind !== 'file')) {
    const leaveOut = all.filter((p) => dropped.has(p.id)).map((p) => p.photo.displayPath);
    return { paths: review.paths, scanned: { paths: review.paths, set, notes: review.notes }, leaveOut };
  }
  const paths = photos.map((photo) => (photo.source.kind === 'file' ? photo.source.path : ''));
  return { paths, scanned: { paths, set, notes: review.notes } };
}
