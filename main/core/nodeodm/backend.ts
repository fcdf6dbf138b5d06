/**
 * NodeODM / ClusterODM as a ProcessingBackend. The handle (journaled by the job manager) holds the
 * task uuid, the name each photo is stored under and which photos the node has confirmed, so a
 * resumed job creates nothing twice and sends no photo twice.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { DiskError, isScanBridgeError } from '../errors.js';
import type { BackendStatus, ProcessingBackend } from '../jobs/backend.js';
import { createNodeOdmClient, type NodeOdmClient } from './client.js';
import { downloadAsset } from './download.js';
import { safeExtractZip, type ExtractLimits } from '../archive/safe-extract.js';
import { uploadNames } from './multipart.js';
import { validateOptions, type NodeOdmOptionValue } from './options.js';
import { isRetryable, type RetryPolicy } from '../net/retry.js';
import { lastErrorLine, toBackendStatus } from './status.js';
import { nodeKey, type NodeTokenRef, type NodeTokens } from './tokens.js';
import { uploadPhotos } from './upload.js';
import type { PhotoSet, SetPhoto } from '../photos/set.js';
import type { LimitCheckProblem } from '../cloud/limits.js';
import { diskError } from '../disk-error.js';

export interface NodeOdmBackendDeps {
  url: string;
  /** The token for `url` under `tokenRef` (sent to `url` only). */
  token?: string | undefined;
  /** Which token entry new jobs use; recorded in their handle. Default: the node's ad-hoc entry. */
  tokenRef?: NodeTokenRef;
  /** Finds the token of a job pinned to another node (its own entry at its own address). */
  tokens?: NodeTokens;
  /** Processing options; checked against the node's /options before a task is created. */
  options?: Record<string, unknown> | NodeOdmOptionValue[];
  upload?: { batchPhotos?: number; batchBytes?: number; concurrency?: number };
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
  extractLimits?: Partial<ExtractLimits>;
  /** The download cap in bytes (settings: downloadCapGB), read when a download starts; default 20 GB. */
  downloadCapBytes?: () => number;
}

export interface NodeOdmHandle {
  /** The node's address without the token, for the log. */
  node: string;
  /**
   * The node the task lives on (base URL, no token), fixed at creation: every later call of this job
   * goes there, whatever the profile says by then. Absent in handles from before this was recorded.
   */
  url?: string;
  /** Which token entry the job uses at that node. */
  tokenRef?: NodeTokenRef;
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
  const tokenRef: NodeTokenRef = deps.tokenRef ?? { kind: 'node' };
  const home = nodeKey(deps.url);
  const sameRef = (a: NodeTokenRef | undefined, b: NodeTokenRef): boolean =>
    (a ?? { kind: 'node' }).kind === b.kind &&
    (a?.kind !== 'profile' || (b.kind === 'profile' && a.profile === b.profile));
  const pinned = new Map<string, Promise<NodeOdmClient>>();
  /** The client for the node a job's task lives on, with that job's own token entry. */
  function clientFor(h: NodeOdmHandle): Promise<NodeOdmClient> {
    if (!h.url || (nodeKey(h.url) === home && sameRef(h.tokenRef, tokenRef))) return Promise.resolve(client);
    const ref = h.tokenRef ?? { kind: 'node' };
    const key = `${nodeKey(h.url)} ${JSON.stringify(ref)}`;
    let c = pinned.get(key);
    if (!c) {
      const url = h.url;
      c = (async () =>
        createNodeOdmClient({
          url,
          token: await deps.tokens?.get(ref, url),
          ...(deps.retry ? { retry: deps.retry } : {}),
          ...(deps.idleTimeoutMs ? { idleTimeoutMs: deps.idleTimeoutMs } : {}),
        }))();
      pinned.set(key, c);
      c.catch(() => pinned.delete(key));
    }
    return c;
  }
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

    async check(set: PhotoSet): Promise<LimitCheckProblem[]> {
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
        url: deps.url,
        tokenRef,
        name,
        uuid,
        photos: set.photos.map((photo, i) => ({ name: names[i] ?? photo.relPath, photo })),
        confirmed: [],
        committed: false,
      };
      await ctx.saveHandle(created);
      ctx.log('info', { code: 'nodeTaskCreated', params: { task: uuid, node: client.node } });
      return created;
    },

    async upload(handle, ctx) {
      if (handle.committed) return handle;
      let current = handle;
      // Journal writes happen one at a time, in the order the node confirmed the photos.
      let saving = Promise.resolve();
      const summary = await uploadPhotos(await clientFor(handle), handle.uuid, handle.photos, {
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
            stage: `Uploading: ${p.photosDone} of ${p.photosTotal} photos sent`,
          }),
        log: (level, m) => ctx.log(level, m),
      });
      await saving;
      ctx.log('info', {
        code: 'nodeSent',
        params: { count: summary.sentPhotos, requests: summary.requests, retried: summary.retries },
      });
      return current;
    },

    async start(handle, ctx) {
      if (handle.committed) return handle;
      const client = await clientFor(handle);
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
      ctx.log('info', { code: 'nodeTaskCommitted', params: { task: handle.uuid } });
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
      const client = await clientFor(handle);
      const status = toBackendStatus(await client.taskInfo(handle.uuid, { signal: ctx.signal }));
      if (status.phase !== 'failed' || status.said) return status;
      // The node said nothing: ODM's console says why (its last lines; a negative line counts from the end).
      const tail = await client.taskOutput(handle.uuid, -60, { signal: ctx.signal }).catch(() => []);
      const said = lastErrorLine(tail);
      return said ? { ...status, said } : status;
    },

    async logs(handle, ctx) {
      if (!handle.committed) return [];
      const from = outputLines.get(handle.uuid) ?? 0;
      const client = await clientFor(handle);
      const lines = await client.taskOutput(handle.uuid, from, { signal: ctx.signal });
      // ClusterODM shows one "Launching..." line until the node takes over, whose numbering starts at
      // 0 again: counting that line would skip the node's first line.
      if (from === 0 && lines.length === 1 && lines[0]?.startsWith('Launching... please wait!')) return [];
      outputLines.set(handle.uuid, from + lines.length);
      // The node's console: its own words, shown verbatim.
      return lines.map((text) => ({ tool: 'nodeodm' as const, text }));
    },

    async download(handle, dir, ctx) {
      const madeDir = !existsSync(dir);
      await makeFolder(dir);
      const client = await clientFor(handle);
      const zipPath = path.join(dir, `.${handle.uuid}.all.zip.partial`);
      try {
        await receive();
      } catch (e) {
        // Refused (over the cap, 404…) or failed for good: keep nothing, not even the folder we made.
        // A transient failure keeps its partial zip, which the next try continues.
        if (!isRetryable(e)) {
          await rm(zipPath, { force: true });
          if (madeDir) await rmdir(dir).catch(() => undefined); // only if still empty
        }
        throw e;
      }
      const files = await safeExtractZip(zipPath, dir, { limits: deps.extractLimits, signal: ctx.signal });
      await rm(zipPath, { force: true });
      ctx.log('info', { code: 'resultExtracted', params: { count: files.length, folder: dir } });
      return files;

      function receive() {
        return downloadAsset(client, handle.uuid, 'all.zip', zipPath, {
          signal: ctx.signal,
          budget: ctx.budget,
          ...(deps.downloadCapBytes ? { maxBytes: deps.downloadCapBytes() } : {}),
          onProgress: (done, total) =>
            ctx.onProgress({
              fraction: total ? done / total : 0,
              bytesDone: done,
              bytesTotal: total ?? 0,
              stage: 'Downloading the result',
            }),
          log: (level, m) => ctx.log(level, m),
        });
      }
    },

    async cancel(handle) {
      if (!handle.uuid) return;
      const client = await clientFor(handle);
      // Cancelled means the result is not wanted: the node can drop the task and its photos too.
      await client.cancelTask(handle.uuid).catch(ignoreGone);
      await client.removeTask(handle.uuid).catch(ignoreGone);
    },

    async remove(handle) {
      if (!handle.uuid) return;
      await (await clientFor(handle)).removeTask(handle.uuid).catch(ignoreGone);
    },

    async restart(handle, ctx) {
      const client = await clientFor(handle);
      const options = await resolveOptions(ctx.signal);
      await client.restartTask(handle.uuid, options.length > 0 ? options : undefined, { signal: ctx.signal });
      outputLines.delete(handle.uuid);
      ctx.log('info', { code: 'nodeTaskRestarted', params: { task: handle.uuid, node: client.node } });
      return handle;
    },
  };
}

/** Removing or cancelling what the node already forgot is done. */
function ignoreGone(e: unknown): void {
  if (!(isScanBridgeError(e) && e.code === 'NOT_FOUND')) throw e;
}

/** The result folder, with a message a person can act on when part of its path is a file. */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST')
      throw new DiskError(
        `Cannot save the result in "${dir}": part of that path is a file, not a folder. Choose another download folder.`,
        e,
        { detail: 'failed', params: { folder: dir, errno: code } },
      );
    throw diskError(
      e,
      { folder: dir },
      `Cannot create the download folder "${dir}" (${code ?? (e as Error).message}).`,
    );
  }
}
