/**
 * The result side of the service: a job's (or a bare cloud project's) status, downloading and
 * extracting a result for every backend, and the files of a downloaded result.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { downloadFile } from '../net/download.js';
import { safeExtractZip } from '../archive/safe-extract.js';
import { unwrapDownloadLink } from '../cloud/download-link.js';
import { InvalidInputError, ScanBridgeError } from '../errors.js';
import type { BackendStatus } from '../jobs/backend.js';
import { cloudStatusKey, normalizeCloudStatus } from '../jobs/cloud-status.js';
import type { Job } from '../jobs/types.js';
import type { ScanBridgeHandlers } from '../../contract/index.js';
import { ok, type ServiceContext } from './context.js';
import { listResultModels, readResultFile, resolveResultFile } from './result-files.js';

export type ResultHandlers = Pick<
  ScanBridgeHandlers,
  | 'refreshProject'
  | 'resetProject'
  | 'downloadResult'
  | 'openResultFolder'
  | 'listResultModels'
  | 'readResultFile'
>;

export interface ProjectStatus {
  project: string;
  backend: Job['backend'];
  job: { id: string; state: Job['state'] } | null;
  /** The backend's own word for the state (server text: sanitise before showing). */
  status: string | null;
  phase: BackendStatus['phase'];
  progress: number | null;
  downloadUrl: string | null;
}

export interface ResultExtras {
  /** For the bridge's streamed GET /api/file route: the confined real path and size (≤ 512 MB). */
  resolveResultFile(jobId: string, relPath: string): Promise<{ file: string; size: number }>;
  /** A job (by id or project name) or, for the cloud, any project of this token, asked live. */
  projectStatus(ref: string): Promise<ProjectStatus>;
  /** Downloads and extracts a finished result into `<dir>/<project>`; every backend. */
  downloadTo(
    ref: string,
    dir: string,
    onProgress?: (done: number, total: number | undefined) => void,
  ): Promise<{ project: string; folder: string; files: string[] }>;
}

const quietCtx = (signal: AbortSignal) => ({
  signal,
  saveHandle: async () => undefined,
  onProgress: () => undefined,
  log: () => undefined,
});

export function createResultHandlers(ctx: ServiceContext): ResultHandlers & ResultExtras {
  const { deps, log, jobOrThrow } = ctx;
  const resultFolderOrThrow = (id: string): string => {
    const folder = jobOrThrow(id).result?.folder;
    if (!folder) {
      throw new InvalidInputError(
        'This job has no downloaded result to preview yet.',
        'Wait until it is done, or use Download first.',
        { detail: 'notDownloaded', params: {} },
      );
    }
    return folder;
  };
  const findJob = (ref: string): Job | undefined =>
    deps.jobs.get(ref) ?? deps.jobs.list().find((j) => j.projectName === ref);

  return {
    refreshProject: async (id) => {
      const job = jobOrThrow(id);
      if (job.backend !== 'cloud') return { job };
      const info = await deps.cloud.getProjectInfo(await ctx.tokenOrThrow(), job.projectName);
      // A link the cloud reports is kept in the job (journaled): a new one renews an expired one.
      const updated = info.dlink ? await deps.jobs.noteDownloadLink(id, info.dlink) : job;
      return {
        job: updated,
        status: info.status,
        statusKey: cloudStatusKey(info),
        ...(info.dlink ? { downloadUrl: info.dlink } : {}),
      };
    },
    resetProject: async (id) => {
      const job = jobOrThrow(id);
      if (job.backend !== 'cloud')
        throw new InvalidInputError('Only cloud projects can be reset.', undefined, {
          detail: 'cloudOnly',
          params: {},
        });
      await deps.cloud.resetProject(await ctx.tokenOrThrow(), job.projectName);
      log.add('info', { code: 'projectReset', params: { project: job.projectName } }, id);
      return ok;
    },
    downloadResult: async (id) => {
      const job = jobOrThrow(id);
      if (deps.downloadResult) return { path: await deps.downloadResult(job), opened: false };
      if (job.result?.folder) return { path: job.result.folder, opened: false };
      throw new InvalidInputError(
        'The model has not been downloaded yet.',
        'Wait until the job is done, or retry it.',
        { detail: 'notDownloaded', params: {} },
      );
    },
    openResultFolder: async (id) => {
      const folder = jobOrThrow(id).result?.folder;
      if (!folder)
        throw new InvalidInputError('The model has not been downloaded yet.', undefined, {
          detail: 'notDownloaded',
          params: {},
        });
      if (!deps.platform?.openPath) return { path: folder, opened: false };
      await deps.platform.openPath(folder);
      return { path: folder, opened: true };
    },
    listResultModels: async (id) => listResultModels(resultFolderOrThrow(id)),
    readResultFile: async (id, rel) => readResultFile(resultFolderOrThrow(id), rel),
    resolveResultFile: async (id, rel) => resolveResultFile(resultFolderOrThrow(id), rel),

    projectStatus: async (ref) => {
      await deps.jobs.load();
      const job = findJob(ref);
      if (job && job.backend !== 'cloud') {
        const live = deps.backendOf?.(job);
        const s = live
          ? await live.backend.poll(live.handle, quietCtx(new AbortController().signal))
          : undefined;
        return {
          project: job.projectName,
          backend: job.backend,
          job: { id: job.id, state: job.state },
          status: s?.raw ?? job.rawStatus ?? null,
          phase: s?.phase ?? 'unknown',
          progress: s?.progress ?? null,
          downloadUrl: job.result?.downloadUrl ?? null,
        };
      }
      const name = job?.projectName || ref;
      const info = await deps.cloud.getProjectInfo(await ctx.tokenOrThrow(), name);
      const s = normalizeCloudStatus(info);
      return {
        project: name,
        backend: 'cloud',
        job: job ? { id: job.id, state: job.state } : null,
        status: info.status,
        phase: s.phase,
        progress: s.progress ?? null,
        downloadUrl: info.dlink ?? null,
      };
    },

    downloadTo: async (ref, dir, onProgress) => {
      await deps.jobs.load();
      const job = findJob(ref);
      const project = job?.projectName || ref;
      const target = path.resolve(dir, project);
      const live = job && job.backend !== 'cloud' ? deps.backendOf?.(job) : undefined;
      if (job && job.backend !== 'cloud') {
        if (!live || job.state !== 'done')
          throw new ScanBridgeError('NOT_FOUND', `${project} has no result to download yet (${job.state}).`, {
            hint: 'Wait until it is done: scanbridge status ' + project,
            detail: { detail: 'noResult', params: { name: project } },
          });
        const files = await live.backend.download(
          live.handle,
          target,
          quietCtx(new AbortController().signal),
        );
        return { project, folder: target, files };
      }
      const info = await deps.cloud.getProjectInfo(await ctx.tokenOrThrow(), project);
      if (!info.dlink) {
        throw new ScanBridgeError(
          'NOT_FOUND',
          `${project} has no result to download yet (status: ${info.status || 'none'}).`,
          {
            hint: 'Wait until its status is "processing done".',
            detail: { detail: 'noResult', params: { name: project } },
          },
        );
      }
      const zip = `${target}.zip`;
      try {
        await downloadFile(unwrapDownloadLink(info.dlink), zip, {
          // The same cap as a job's download (settings: downloadCapGB).
          maxBytes: deps.settings.get().downloadCapGB * 1_000_000_000,
          ...(onProgress ? { onProgress } : {}),
        });
        const files = await safeExtractZip(zip, target);
        log.add('info', { code: 'downloaded', params: { project, folder: target } }, job?.id);
        return { project, folder: target, files };
      } finally {
        await rm(zip, { force: true });
      }
    },
  };
}
