/**
 * NodeODM / ClusterODM as a ProcessingBackend. The handle (journaled by the job manager) holds the
 * task uuid, the name each photo is stored under and which photos the node has confirmed, so a
 * resumed job creates nothing twice and sends no photo twice.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isScanBridgeError } from '../errors.js';
import type {
  BackendStatus,
  LimitProblem,
  ProcessingBackend,
  SetPhoto,
  SetSummary,
} from '../jobs/backend.js';
import { createNodeOdmClient, type NodeOdmClient } from './client.js';
import { downloadAsset } from './download.js';
import { safeExtractZip, type ExtractLimits } from '../archive/safe-extract.js';
import { uploadNames } from './multipart.js';
import { validateOptions, type NodeOdmOptionValue } from './options.js';
import type { RetryPolicy } from '../net/retry.js';
import { toBackendStatus } from './status.js';
import { uploadPhotos } from './upload.js';

export interface NodeOdmBackendDeps {
  url: string;
  token?: string | undefined;
  /** Processing options; checked against the node's /options before a task is created. */
  options?: Record<string, unknown> | NodeOdmOptionValue[];
  upload?: { batchPhotos?: number; batchBytes?: number; concurrency?: number };
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
  extractLimits?: Partial<ExtractLimits>;
}

export interface NodeOdmHandle {
  /** The node's address without the token, for the log. */
  node: string;
  name: string;
  uuid: string;
  photos: { name: string; photo: SetPhoto }[];
  confirmed: string[];
  committed: boolean;
}

export function createNodeOdmBackend(deps: NodeOdmBackendDeps): ProcessingBackend<NodeOdmHandle> & {
  readonly client: NodeOdmClient;
} {
  const client = createNodeOdmClient({
    url: deps.url,
    token: deps.token,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.idleTimeoutMs ? { idleTimeoutMs: deps.idleTimeoutMs } : {}),
  });
  // Console lines already passed to the job log, per task (restarts from 0 after an app restart).
  const outputLines = new Map<string, number>();

  async function resolveOptions(signal: AbortSignal): Promise<NodeOdmOptionValue[]> {
    const wanted = deps.options;
    if (!wanted || (Array.isArray(wanted) ? wanted.length === 0 : Object.keys(wanted).length === 0))
      return [];
    return validateOptions(await client.options({ signal }), wanted);
  }

  return {
    kind: 'nodeodm',
    client,

    async check(set: SetSummary): Promise<LimitProblem[]> {
      const info = await client.info();
      if (info.maxImages !== null && set.photoCount > info.maxImages) {
        return [
          {
            what: 'images',
            limit: info.maxImages,
            actual: set.photoCount,
            message: `The node at ${client.node} takes at most ${info.maxImages} images per task; this set has ${set.photoCount}.`,
          },
        ];
      }
      return [];
    },

    async create(set, name, ctx, handle) {
      if (handle?.uuid) return handle;
      const options = await resolveOptions(ctx.signal);
      const names = uploadNames(set.photos);
      const uuid = await client.initTask(name, options, { signal: ctx.signal });
      const created: NodeOdmHandle = {
        node: client.node,
        name,
        uuid,
        photos: set.photos.map((photo, i) => ({ name: names[i] ?? photo.relPath, photo })),
        confirmed: [],
        committed: false,
      };
      await ctx.saveHandle(created);
      ctx.log('info', `Created task ${uuid} on ${client.node}.`);
      return created;
    },

    async upload(handle, ctx) {
      if (handle.committed) return handle;
      let current = handle;
      // Journal writes happen one at a time, in the order the node confirmed the photos.
      let saving = Promise.resolve();
      const summary = await uploadPhotos(client, handle.uuid, handle.photos, {
        confirmed: handle.confirmed,
        ...deps.upload,
        signal: ctx.signal,
        budget: ctx.budget,
        onPhotoConfirmed: (names) => {
          current = { ...current, confirmed: [...current.confirmed, ...names] };
          const snapshot = current;
          saving = saving.then(() => ctx.saveHandle(snapshot));
          return saving;
        },
        onProgress: (p) =>
          ctx.onProgress({
            fraction: p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1,
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal,
            partsDone: p.photosDone,
            partsTotal: p.photosTotal,
            stage: `Uploading photo ${p.photosDone} of ${p.photosTotal}`,
          }),
        log: (level, m) => ctx.log(level, m),
      });
      await saving;
      ctx.log(
        'info',
        `Sent ${summary.sentPhotos} photos in ${summary.requests} requests (${summary.retries} retried).`,
      );
      return current;
    },

    async start(handle, ctx) {
      if (handle.committed) return handle;
      try {
        await client.commitTask(handle.uuid, { signal: ctx.signal });
      } catch (e) {
        // The commit may have landed before the connection broke: if the node knows the task, it did.
        const known = await client.taskInfo(handle.uuid, { signal: ctx.signal }).then(
          () => true,
          () => false,
        );
        if (!known) throw e;
      }
      const started = { ...handle, committed: true };
      await ctx.saveHandle(started);
      ctx.log('info', `Task ${handle.uuid} committed; the node starts processing.`);
      return started;
    },

    async poll(handle, ctx): Promise<BackendStatus> {
      if (!handle.committed) {
        return {
          phase: handle.confirmed.length > 0 ? 'uploading' : 'created',
          raw: 'not committed',
          resultReady: false,
        };
      }
      return toBackendStatus(await client.taskInfo(handle.uuid, { signal: ctx.signal }));
    },

    async logs(handle, ctx) {
      if (!handle.committed) return [];
      const from = outputLines.get(handle.uuid) ?? 0;
      const lines = await client.taskOutput(handle.uuid, from, { signal: ctx.signal });
      outputLines.set(handle.uuid, from + lines.length);
      return lines;
    },

    async download(handle, dir, ctx) {
      await mkdir(dir, { recursive: true });
      const zipPath = path.join(dir, `.${handle.uuid}.all.zip.partial`);
      await downloadAsset(client, handle.uuid, 'all.zip', zipPath, {
        signal: ctx.signal,
        budget: ctx.budget,
        onProgress: (done, total) =>
          ctx.onProgress({
            fraction: total ? done / total : 0,
            bytesDone: done,
            bytesTotal: total ?? 0,
            stage: 'Downloading the result',
          }),
        log: (level, m) => ctx.log(level, m),
      });
      const files = await safeExtractZip(zipPath, dir, { limits: deps.extractLimits, signal: ctx.signal });
      await rm(zipPath, { force: true });
      ctx.log('info', `Extracted ${files.length} files into ${dir}.`);
      return files;
    },

    async cancel(handle) {
      if (!handle.uuid) return;
      await client.cancelTask(handle.uuid);
    },

    async remove(handle) {
      if (!handle.uuid) return;
      try {
        await client.removeTask(handle.uuid);
      } catch (e) {
        // Removing what the node already forgot is done.
        if (!(isScanBridgeError(e) && e.code === 'NOT_FOUND')) throw e;
      }
    },

    async restart(handle, ctx) {
      const options = await resolveOptions(ctx.signal);
      await client.restartTask(handle.uuid, options.length > 0 ? options : undefined, { signal: ctx.signal });
      outputLines.delete(handle.uuid);
      ctx.log('info', `Task ${handle.uuid} restarted on ${client.node}.`);
      return handle;
    },
  };
}
