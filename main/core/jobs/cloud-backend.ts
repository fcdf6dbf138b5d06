/**
 * The OpenScan Cloud as a ProcessingBackend. Everything needed to resume lives in the handle, which
 * the manager journals before each step is announced:
 * - create: the handle records `createRequested` BEFORE calling createProject, so a crash or a lost
 *   reply is resolved by asking getProjectInfo (the name is ours: unguessable) — never a second project;
 * - upload: only parts without a confirmed content hash are sent; links older than their 4-hour life
 *   are renewed through getProjectInfo;
 * - start: `startRequested` is journaled first; on resume getProjectInfo tells whether it happened —
 *   startProject is called exactly once.
 * The token is asked for at each step (never stored in the handle or the journal).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { MAX_PART_SIZE } from '../../contract/schemas.js';
import { unwrapDownloadLink } from '../cloud/download-link.js';
import type { CloudClient } from '../cloud/types.js';
import { downloadFile } from '../net/download.js';
import { safeExtractZip } from '../archive/safe-extract.js';
import { LinkExpiredError, ProjectExistsError, ProjectNotFoundError, ScanBridgeError } from '../errors.js';
import { packEntriesFromPhotos } from '../pack/entries.js';
import { choosePartSize, cutParts, planZip } from '../pack/plan.js';
import type { PackEntry, ZipPlan } from '../pack/types.js';
import { CrcStore } from '../pack/crc-store.js';
import { uploadParts } from '../upload/upload-parts.js';
import { checkAgainstLimits } from '../cloud/limits.js';
import type { BackendContext, BackendStatus, ProcessingBackend } from './backend.js';
import { cloudStatusKey, normalizeCloudStatus } from './cloud-status.js';
import type { PhotoSet } from '../photos/set.js';

/** The least a result may unpack to whatever the set's size (textures, dense clouds). */
const RESULT_FLOOR_BYTES = 4_000_000_000;

export const LINK_LIFETIME_MS = 4 * 3600_000;
/** Renew a little before the cloud's 4 hours are up, so a part never starts on a dying link. */
const LINK_RENEW_AFTER_MS = LINK_LIFETIME_MS - 15 * 60_000;

export interface CloudHandle {
  project: string;
  /**
   * The zip and its parts, planned once from the set when the job began and journaled with the handle:
   * every step and every resume (after a restart too) sends exactly these bytes in these parts.
   */
  plan: ZipPlan;
  createRequested: boolean;
  created: boolean;
  links: string[];
  linksAt: number;
  /** Part index → content hash confirmed by the server. */
  confirmed: Record<string, string>;
  /** Parts the upload server accepted without a Dropbox-form content hash to check (indexes). */
  unverified?: number[];
  /** Entry index → CRC-32, so a resumed job does not read files again just for their CRC. */
  crcs: Record<string, number>;
  startRequested: boolean;
  started: boolean;
  dlink?: string | undefined;
}

export interface CloudUploadSettings {
  concurrency: number;
  /** Bytes; 0 or undefined = chosen from the set size. */
  partSize?: number | undefined;
  maxRateBytesPerSec?: number | undefined;
  /** The download cap (settings: downloadCapGB); default 20 GB. */
  downloadCapBytes?: number | undefined;
}

/** Transport knobs; the defaults suit real networks, tests make them short. */
export interface UploadTuning {
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  replyTimeoutMs?: number;
  partBudgetMs?: number;
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/** A handle journaled by a version before the plan was kept (it kept the plan's inputs instead). */
interface HandleBeforePlan extends Omit<CloudHandle, 'plan'> {
  entries: PackEntry[];
  partSize: number;
}

/** The zip planner (pack/plan.ts); a port so a test can count that a job plans its zip once. */
export type ZipPlanner = typeof planZip;

export interface CloudBackendDeps {
  client: CloudClient;
  planner?: ZipPlanner;
  tuning?: UploadTuning;
  /** The current token; throws a typed error when none is set. */
  getToken(): Promise<string>;
  settings(): CloudUploadSettings;
  now?: () => number;
}

/**
 * The set's zip, laid out once; its size does not depend on the part size, so an automatic part size
 * (chosen from that size) only re-cuts the parts.
 */
export function planFor(set: PhotoSet, s: CloudUploadSettings, planner: ZipPlanner = planZip): ZipPlan {
  const wanted = s.partSize && s.partSize > 0 ? s.partSize : undefined;
  const plan = planner(packEntriesFromPhotos(set.photos), { partSize: wanted ?? MAX_PART_SIZE });
  if (wanted) return plan;
  return recut(plan, choosePartSize(plan.totalSize, { concurrency: s.concurrency }));
}

const recut = (plan: ZipPlan, partSize: number): ZipPlan =>
  plan.partSize === partSize ? plan : { ...plan, partSize, parts: cutParts(plan.totalSize, partSize) };

/**
 * The cloud's API answered within this: a near link (same machine or LAN), where large parts pay
 * (choosePartSize). Any real route to the cloud takes longer (TCP and TLS handshakes alone are
 * several round trips), and so does a call that had to be retried: small parts, the safe default.
 */
export const NEAR_LINK_MS = 25;

/** A journaled handle as this version keeps it: one written before the plan was kept gets it (planned once, here). */
export function upgradeHandle(h: CloudHandle | HandleBeforePlan, planner: ZipPlanner = planZip): CloudHandle {
  if ('plan' in h && h.plan) return h;
  const old = h as HandleBeforePlan & Partial<{ totalSize: number; partCount: number; plan: ZipPlan }>;
  old.plan = planner(old.entries, { partSize: old.partSize });
  for (const k of ['entries', 'partSize', 'totalSize', 'partCount'] as const) delete old[k];
  return old as unknown as CloudHandle;
}

/** The CRCs in `now` that `before` lacks. */
function newEntries(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (before[k] !== v) out[k] = v;
  return out;
}

export function createCloudBackend(deps: CloudBackendDeps): ProcessingBackend<CloudHandle> {
  const now = deps.now ?? Date.now;
  const { client } = deps;
  const planner = deps.planner ?? planZip;
  const partCount = (h: CloudHandle) => h.plan.parts.length;

  async function freshLinks(h: CloudHandle, ctx: BackendContext): Promise<string[]> {
    const token = await deps.getToken();
    const info = await client.getProjectInfo(token, h.project, { signal: ctx.signal, budget: ctx.budget });
    if (info.ulink.length !== partCount(h)) {
      // The cloud did not hand out fresh links for every part: reset the project (drops its parts) and start the upload over.
      ctx.log('warn', {
        code: 'cloudLinksMismatch',
        params: { links: info.ulink.length, parts: partCount(h) },
      });
      await client.resetProject(token, h.project, { signal: ctx.signal, budget: ctx.budget });
      const again = await client.getProjectInfo(token, h.project, { signal: ctx.signal, budget: ctx.budget });
      if (again.ulink.length !== partCount(h))
        throw new LinkExpiredError('The cloud gave no fresh upload links after a reset.');
      h.confirmed = {};
      return again.ulink;
    }
    return info.ulink;
  }

  /** A handle before anything was asked of the cloud: the set planned once, nothing sent. */
  function freshHandle(set: PhotoSet, name: string): CloudHandle {
    return {
      project: name,
      plan: planFor(set, deps.settings(), planner),
      createRequested: false,
      created: false,
      links: [],
      linksAt: 0,
      confirmed: {},
      crcs: {},
      startRequested: false,
      started: false,
    };
  }

  return {
    kind: 'cloud',

    prepare(set, name) {
      return freshHandle(set, name);
    },

    async check(set, prepared) {
      const token = await deps.getToken();
      const t0 = performance.now();
      const info = await client.getTokenInfo(token);
      const apiMs = performance.now() - t0;
      const s = deps.settings();
      // Not sent or journaled yet: an automatic part size may still follow the link just measured.
      if (prepared && !prepared.createRequested && !(s.partSize && s.partSize > 0)) {
        const near = apiMs < NEAR_LINK_MS;
        const total = prepared.plan.totalSize;
        prepared.plan = recut(prepared.plan, choosePartSize(total, { concurrency: s.concurrency, near }));
      }
      const plan = prepared?.plan ?? planFor(set, s, planner);
      return checkAgainstLimits({ photoCount: set.photoCount, bytes: plan.totalSize }, info).problems;
    },

    async create(set, name, ctx, prior) {
      if (prior) upgradeHandle(prior, planner);
      if (prior?.created) return prior;
      const token = await deps.getToken();
      let h: CloudHandle;
      if (prior) h = prior;
      else h = freshHandle(set, name);
      if (h.createRequested) {
        // A previous run asked; did the cloud create it? The name is ours alone, so if it exists it is this job's.
        try {
          const info = await client.getProjectInfo(token, h.project, {
            signal: ctx.signal,
            budget: ctx.budget,
          });
          h.created = true;
          h.links = info.ulink;
          h.linksAt = now();
          await ctx.saveHandle(h);
          ctx.log('info', { code: 'cloudProjectContinued', params: { project: h.project } });
          return h;
        } catch (e) {
          if (!(e instanceof ProjectNotFoundError)) throw e;
        }
      }
      h.createRequested = true;
      await ctx.saveHandle(h);
      try {
        const created = await client.createProject(
          token,
          {
            project: h.project,
            photos: set.photoCount,
            parts: partCount(h),
            filesize: h.plan.totalSize,
          },
          { signal: ctx.signal, budget: ctx.budget },
        );
        h.links = created.ulink;
      } catch (e) {
        if (!(e instanceof ProjectExistsError)) throw e;
        const info = await client.getProjectInfo(token, h.project, {
          signal: ctx.signal,
          budget: ctx.budget,
        });
        h.links = info.ulink;
      }
      if (h.links.length !== partCount(h)) {
        throw new ScanBridgeError(
          'BAD_RESPONSE',
          `The cloud returned ${h.links.length} upload links for ${partCount(h)} parts.`,
          { detail: { detail: 'reply', params: { server: 'OpenScan Cloud', call: 'getProjectInfo' } } },
        );
      }
      h.created = true;
      h.linksAt = now();
      await ctx.saveHandle(h);
      ctx.log('info', {
        code: 'cloudProjectCreated',
        params: { project: h.project, count: partCount(h), size: h.plan.totalSize },
      });
      return h;
    },

    async upload(journaled, ctx) {
      const s = deps.settings();
      const h = upgradeHandle(journaled, planner);
      const { plan } = h;
      const crcs = new CrcStore(h.crcs);
      if (now() - h.linksAt > LINK_RENEW_AFTER_MS && Object.keys(h.confirmed).length < partCount(h)) {
        h.links = await freshLinks(h, ctx);
        h.linksAt = now();
        await ctx.saveHandle(h);
      }
      const skip = new Set(Object.keys(h.confirmed).map(Number));
      const partsTotal = plan.parts.length;
      // Counters agree from the first event of a resumed upload: confirmed parts count as sent bytes.
      const sentBytes = plan.parts.filter((p) => skip.has(p.index)).reduce((n, p) => n + p.end - p.start, 0);
      ctx.onProgress({
        partsTotal,
        partsDone: skip.size,
        bytesTotal: plan.totalSize,
        bytesDone: sentBytes,
        fraction: plan.totalSize > 0 ? sentBytes / plan.totalSize : 0,
        step: 'upload',
      });
      await uploadParts({
        plan,
        urls: h.links,
        skip,
        crcs,
        concurrency: s.concurrency,
        maxRateBytesPerSec: s.maxRateBytesPerSec || undefined,
        signal: ctx.signal,
        budget: ctx.budget,
        ...deps.tuning,
        onPartDone: async (index: number, contentHash: string, verified: boolean) => {
          // Journaled as what changed (a line in the job's progress log), not the whole record.
          const patch: Partial<CloudHandle> = { confirmed: { [String(index)]: contentHash } };
          h.confirmed[String(index)] = contentHash;
          if (!verified) {
            // Recorded in the job (its journaled handle) and said once per job: never a failure.
            if (!h.unverified?.length) ctx.log('warn', { code: 'cloudUnverified', params: {} });
            h.unverified = [...(h.unverified ?? []), index];
            patch.unverified = [index];
          }
          const newCrcs = newEntries(crcs.snapshot(), h.crcs);
          if (Object.keys(newCrcs).length > 0) patch.crcs = newCrcs;
          Object.assign(h.crcs, newCrcs);
          if (ctx.saveHandlePatch) await ctx.saveHandlePatch(patch);
          else await ctx.saveHandle(h);
        },
        onRetry: ({ index, attempt, error, delayMs }) =>
          ctx.log('warn', {
            code: 'partRetry',
            params: { part: index + 1, attempt, seconds: Math.round(delayMs / 100) / 10 },
            error,
          }),
        onProgress: (p) =>
          ctx.onProgress({
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal,
            rate: p.rate,
            etaSeconds: p.etaSeconds,
            partsDone: p.partsDone,
            partsTotal: p.partsTotal,
            fraction: p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 0,
            stage: `Uploading: ${p.partsDone} of ${p.partsTotal} parts sent`,
            step: 'upload',
          }),
        renewUrls: async () => {
          h.links = await freshLinks(h, ctx);
          h.linksAt = now();
          await ctx.saveHandle(h);
          return h.links;
        },
      });
      return h;
    },

    async start(h, ctx) {
      if (h.started) return h;
      const token = await deps.getToken();
      if (h.startRequested) {
        const info = await client.getProjectInfo(token, h.project, {
          signal: ctx.signal,
          budget: ctx.budget,
        });
        if (info.status.trim() !== '' && info.status.trim().toLowerCase() !== 'created') {
          h.started = true;
          await ctx.saveHandle(h);
          return h;
        }
      }
      h.startRequested = true;
      await ctx.saveHandle(h);
      try {
        await client.startProject(token, h.project, { signal: ctx.signal, budget: ctx.budget });
      } catch (e) {
        // "already started" means an earlier, unrecorded call went through: that is success.
        if (!(e instanceof ScanBridgeError && /already/i.test(e.message))) throw e;
      }
      h.started = true;
      await ctx.saveHandle(h);
      ctx.log('info', { code: 'cloudProcessingStarted', params: { project: h.project } });
      return h;
    },

    async poll(h, ctx): Promise<BackendStatus> {
      const token = await deps.getToken();
      const info = await client.getProjectInfo(token, h.project, { signal: ctx.signal, budget: ctx.budget });
      if (info.dlink && info.dlink !== h.dlink) {
        h.dlink = info.dlink;
        await ctx.saveHandle(h);
      }
      // `{}` or "expired" for a project we started: the cloud forgot it. Said as such, so Retry
      // starts it again as a new project instead of reporting a failed processing run.
      if (cloudStatusKey(info) === 'gone') throw new ProjectNotFoundError(h.project);
      return normalizeCloudStatus(info);
    },

    async download(journaled, dir, ctx) {
      const h = upgradeHandle(journaled, planner);
      if (!h.dlink)
        throw new ScanBridgeError('NOT_FOUND', 'The cloud has no download link for this project yet.', {
          detail: { detail: 'noLink', params: {} },
        });
      const zip = path.join(path.dirname(dir), `${path.basename(dir)}.zip`);
      await downloadFile(unwrapDownloadLink(h.dlink), zip, {
        signal: ctx.signal,
        budget: ctx.budget,
        maxBytes: deps.settings().downloadCapBytes,
        what: `the model of ${h.project}`,
        onProgress: (done, total) =>
          ctx.onProgress({
            bytesDone: done,
            bytesTotal: total ?? 0,
            fraction: total ? done / total : 0,
            stage: 'Downloading the model',
            step: 'download',
          }),
      });
      let files: string[];
      try {
        files = await safeExtractZip(zip, dir, {
          signal: ctx.signal,
          // A model is not 10× its photos; past that (and past 4 GB) the archive is not what we asked for.
          expectBytes: Math.max(RESULT_FLOOR_BYTES, 10 * h.plan.totalSize),
          onRenamed: (from, to) => ctx.log('warn', { code: 'resultRenamed', params: { from, to } }),
        });
      } finally {
        // Refused or not, the downloaded zip is not kept: a good one is extracted, a bad one is hostile.
        await rm(zip, { force: true });
      }
      ctx.log('info', { code: 'resultSaved', params: { folder: dir, count: files.length } });
      return files;
    },

    async cancel(h) {
      // Only a project that has not started can be reset; a started one cannot be stopped through the API.
      if (!h.created || h.started) return;
      const token = await deps.getToken();
      await client.resetProject(token, h.project);
    },
  };
}
