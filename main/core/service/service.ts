/**
 * The ScanBridge API implemented on main/core: thin glue between the contract and the job manager,
 * the cloud client, the settings and secret stores and the photo scanner. Transports (Electron IPC,
 * the web bridge) validate arguments with the contract and call these handlers; events go out
 * through `subscribe`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { InvalidInputError, ScanBridgeError } from '../errors.js';
import { redact } from '../redact.js';
import type { Job } from '../jobs/types.js';
import { cloudStatusKey } from '../jobs/cloud-status.js';
import type { Settings as CoreSettings } from '../settings/schema.js';
import type {
  ApiEventName,
  ApiEventPayload,
  ScanBridgeHandlers,
  Settings,
  Thumbnail,
} from '../../contract/index.js';
import type { ThumbSource } from './thumbnails.js';
import { createThumbnailMaker } from './thumbnails.js';
import { listDirectory, resolveUserPath } from './directory.js';
import { toReview } from './review.js';
import { createServiceLog } from './log.js';
import { writeDiagnosticsZip } from './diagnostics.js';
import { createTokenService } from './token.js';
import type { ServiceDeps } from './ports.js';
import { listResultModels, readResultFile, resolveResultFile } from './result-files.js';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;

export interface Service extends ScanBridgeHandlers {
  subscribe(listener: EventListener): () => void;
  /** Removes every token this process knows of from a text (for transports' error replies). */
  redact(text: string): string;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** For the bridge's streamed GET /api/file route: the confined real path and size (≤ 512 MB). */
  resolveResultFile(jobId: string, relPath: string): Promise<{ file: string; size: number }>;
  close(): void;
}

/** Scans kept for thumbnails; older ones are forgotten (the UI scans again). */
const MAX_SCANS = 4;

function uiSettings(s: CoreSettings): Settings {
  return {
    endpoint: s.endpoint,
    concurrency: s.concurrency,
    partSize: s.partSize,
    bandwidthCapMBps: s.bandwidthCapMBps,
    downloadDir: s.downloadDir,
    autoDownload: s.autoDownload,
    colmapPath: s.colmapPath,
    locale: s.locale,
    profiles: s.profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      ...(p.endpoint ? { endpoint: p.endpoint } : {}),
    })),
  };
}

class JobNotFoundError extends ScanBridgeError {
  constructor(id: string) {
    super('NOT_FOUND', `There is no job "${id}" (it may have been removed).`, { hint: 'Reload the list.' });
  }
}

export function createService(deps: ServiceDeps): Service {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  const tokens = createTokenService({
    cloud: deps.cloud,
    secrets: deps.secrets,
    publicToken: deps.publicToken,
    onChange: (s) => emit('token:changed', s),
  });
  const redactAll = (text: string) => redact(text, tokens.known());
  const log = createServiceLog({ redact: redactAll, ...(deps.now ? { now: deps.now } : {}) });
  const thumbs = createThumbnailMaker();
  const scans = new Map<string, ThumbSource[]>();

  const offJobs = deps.jobs.subscribe((e) => {
    if (e.type === 'job:state') {
      emit('job:state', { job: e.job });
      if (e.job.state === 'failed' && e.job.error) log.add('error', e.job.error.message, e.job.id);
    } else if (e.type === 'job:progress') emit('job:progress', { jobId: e.jobId, progress: e.progress });
    else {
      log.add(e.level, e.message, e.jobId);
      emit('job:log', { jobId: e.jobId, level: e.level, message: redactAll(e.message), at: e.at });
    }
  });
  const offSettings = deps.settings.onChange((s) => emit('settings:changed', uiSettings(s)));

  const photoById = (photoId: string): ThumbSource | undefined => {
    const [scanId, index] = photoId.split(':');
    return scanId ? scans.get(scanId)?.[Number(index)] : undefined;
  };
  const jobOrThrow = (id: string): Job => {
    const job = deps.jobs.get(id);
    if (!job) throw new JobNotFoundError(id);
    return job;
  };
  const tokenOrThrow = async (): Promise<string> => {
    const t = await tokens.current();
    if (!t)
      throw new InvalidInputError('No OpenScan Cloud token is set.', 'Add your token first (Token button).');
    return t;
  };
  const ok = { ok: true } as const;
  const resultFolderOrThrow = (id: string): string => {
    const folder = jobOrThrow(id).result?.folder;
    if (!folder) {
      throw new InvalidInputError(
        'This job has no downloaded result to preview yet.',
        'Wait until it is done, or use Download first.',
      );
    }
    return folder;
  };

  const handlers: ScanBridgeHandlers = {
    getTokenStatus: () => tokens.status(),
    setToken: async (raw) => {
      const s = await tokens.set(raw);
      log.add('info', `Token saved (${s.masked ?? ''}).`);
      return s;
    },
    usePublicToken: async () => {
      const s = await tokens.usePublic();
      log.add('info', 'Using the public token.');
      return s;
    },
    requestToken: async ({ mail, forename, lastname }) => {
      await deps.cloud.requestToken(mail, forename, lastname);
      log.add('info', 'Token requested; it will arrive by mail.');
      return ok;
    },
    clearToken: async () => {
      const s = await tokens.clear();
      log.add('info', 'Token removed.');
      return s;
    },

    getCloudOverview: async () => {
      const token = await tokens.current();
      const [status, queue, info] = await Promise.allSettled([
        deps.cloud.status(),
        deps.cloud.getQueueEstimate(token),
        token ? tokens.infoOrUndefined() : Promise.resolve(undefined),
      ]);
      const at = (deps.now?.() ?? new Date()).toISOString();
      return {
        online: status.status === 'fulfilled' && status.value.online,
        statusText:
          status.status === 'fulfilled' ? status.value.raw : redactAll((status.reason as Error).message),
        ...(queue.status === 'fulfilled'
          ? { queueLength: queue.value.queue_length, estimatedSeconds: queue.value.estimated_seconds }
          : {}),
        ...(info.status === 'fulfilled' && info.value ? { credit: info.value.credit } : {}),
        checkedAt: at,
      };
    },

    scanPaths: async (paths) => {
      const resolved = paths.map((p) => resolveUserPath(p));
      for (const p of resolved) {
        await fs.stat(p).catch(() => {
          throw new InvalidInputError(`"${p}" does not exist.`, 'Check the path for typos.');
        });
      }
      const [scan, info] = await Promise.all([deps.scan(resolved), tokens.infoOrUndefined()]);
      const scanId = randomUUID().slice(0, 8);
      scans.set(
        scanId,
        scan.photos.map((p) => ({
          source: p.source,
          format: p.format,
          size: p.size,
          width: p.width,
          height: p.height,
        })),
      );
      while (scans.size > MAX_SCANS) scans.delete(scans.keys().next().value as string);
      log.add(
        'info',
        `Scanned ${resolved.join(', ')}: ${scan.photos.length} photos, ${scan.skipped.length} skipped.`,
      );
      return toReview(scanId, resolved, scan, info);
    },
    listDirectory: (p) => listDirectory(p),
    pickPaths: async (kind) =>
      deps.platform?.pickPaths ? deps.platform.pickPaths(kind) : { unsupported: true },
    getThumbnail: async (photoId) => {
      const photo = photoById(photoId);
      if (!photo)
        throw new InvalidInputError('That photo is no longer in the review.', 'Scan the set again.');
      return thumbs.get(photoId, photo);
    },
    getThumbnails: async (ids) => {
      const out: Record<string, Thumbnail> = {};
      await Promise.all(
        ids.map(async (id) => {
          const photo = photoById(id);
          if (photo) out[id] = await thumbs.get(id, photo);
        }),
      );
      return out;
    },

    createJob: async ({ paths, name, backend, profile }) => {
      if (backend === 'cloud') await tokenOrThrow();
      const s = deps.settings.get();
      if (profile && !s.profiles.some((p) => p.name === profile && p.kind === backend)) {
        throw new InvalidInputError(
          `There is no ${backend} profile named "${profile}".`,
          'Add it in Settings.',
        );
      }
      const job = await deps.jobs.create({
        paths: paths.map((p) => resolveUserPath(p)),
        backend,
        ...(profile ? { profile } : {}),
        ...(name ? { name } : {}),
        autoDownload: s.autoDownload,
        ...(s.downloadDir ? { downloadDir: s.downloadDir } : {}),
      });
      log.add('info', `Job ${job.id} created for ${job.projectName}.`, job.id);
      return job;
    },
    listJobs: async () => deps.jobs.list(),
    pauseJob: async (id) => (await deps.jobs.pause(jobOrThrow(id).id), ok),
    resumeJob: async (id) => (await deps.jobs.resume(jobOrThrow(id).id), ok),
    cancelJob: async (id) => (await deps.jobs.cancel(jobOrThrow(id).id), ok),
    retryJob: async (id) => (await deps.jobs.retry(jobOrThrow(id).id), ok),
    removeJob: async (id) => (await deps.jobs.remove(jobOrThrow(id).id), ok),

    refreshProject: async (id) => {
      const job = jobOrThrow(id);
      if (job.backend !== 'cloud') return { job };
      const info = await deps.cloud.getProjectInfo(await tokenOrThrow(), job.projectName);
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
      if (job.backend !== 'cloud') throw new InvalidInputError('Only cloud projects can be reset.');
      await deps.cloud.resetProject(await tokenOrThrow(), job.projectName);
      log.add('info', `Project ${job.projectName} reset.`, id);
      return ok;
    },
    downloadResult: async (id) => {
      const job = jobOrThrow(id);
      if (deps.downloadResult) return { path: await deps.downloadResult(job), opened: false };
      if (job.result?.folder) return { path: job.result.folder, opened: false };
      throw new InvalidInputError(
        'The model has not been downloaded yet.',
        'Wait until the job is done, or retry it.',
      );
    },
    openResultFolder: async (id) => {
      const folder = jobOrThrow(id).result?.folder;
      if (!folder) throw new InvalidInputError('The model has not been downloaded yet.');
      if (!deps.platform?.openPath) return { path: folder, opened: false };
      await deps.platform.openPath(folder);
      return { path: folder, opened: true };
    },

    listResultModels: async (id) => listResultModels(resultFolderOrThrow(id)),
    readResultFile: async (id, rel) => readResultFile(resultFolderOrThrow(id), rel),

    getSettings: async () => uiSettings(deps.settings.get()),
    updateSettings: async (patch) => {
      if (patch.profiles) {
        // The UI edits names and addresses; options set elsewhere (CLI, settings file) are kept.
        const before = deps.settings.get().profiles;
        patch = {
          ...patch,
          profiles: patch.profiles.map((p) => {
            const options = before.find((b) => b.name === p.name && b.kind === p.kind)?.options;
            return options ? { ...p, options } : p;
          }),
        };
      }
      const next = uiSettings(deps.settings.update(patch));
      log.add('info', `Settings changed: ${Object.keys(patch).join(', ')}.`);
      return next;
    },

    getLog: async () => log.entries(),
    saveDiagnostics: async () => {
      const entries = log.entries();
      const versions = {
        scanbridge: deps.version,
        node: process.versions.node,
        platform: `${process.platform} ${process.arch}`,
        mode: deps.mode,
        ...deps.versions,
      };
      const jobs = deps.jobs.list();
      const r = await writeDiagnosticsZip({
        dir: path.join(deps.dataDir, 'diagnostics'),
        redact: redactAll,
        files: {
          'log.txt': entries
            .map((e) => `${e.at} ${e.level.toUpperCase()} ${e.jobId ?? '-'} ${e.message}`)
            .join('\n'),
          'versions.json': JSON.stringify(versions, null, 2),
          'settings.json': JSON.stringify(deps.settings.get(), null, 2),
          'jobs.json': JSON.stringify(jobs, null, 2),
          'api-replies.txt': (deps.lastReplies?.() ?? []).join('\n'),
        },
      });
      log.add('info', `Diagnostics saved to ${r.path}.`);
      return r;
    },
    getAppInfo: async () => ({
      version: deps.version,
      mode: deps.mode,
      platform: process.platform,
      dataDir: deps.dataDir,
    }),
  };

  return {
    ...handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    redact: redactAll,
    log: (level, message) => log.add(level, message),
    resolveResultFile: async (id, rel) => resolveResultFile(resultFolderOrThrow(id), rel),
    close() {
      offJobs();
      offSettings();
      listeners.clear();
    },
  };
}
