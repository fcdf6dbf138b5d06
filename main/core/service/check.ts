/**
 * The pre-flight check on the service: one function for the CLI (paths in, report out) and a small
 * runner for the app (start → id, progress and the report as events, cancel by id), both on
 * main/core/check's runCheck. At most one check runs at a time: a new one cancels the old, since
 * the person has moved on to another set.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  runCheck,
  type CheckOptions,
  type CheckProgress,
  type CheckReport,
  type CheckSource,
} from '../check/index.js';
import { CancelledError, InvalidInputError, toSerializedError } from '../errors.js';
import { IMAGE_EXTENSIONS, listImages, naturalCompare } from '../local/image-set.js';
import { photoKey } from '../local/match-prior.js';
import type { MatchGraphStore } from '../local/match-graph-store.js';
import { openZipSource } from '../photos/zip-source.js';
import { throttle } from '../jobs/progress.js';
import { redactError, type ScanBridgeHandlers } from '../../contract/index.js';
import { ok, type ServiceContext } from './context.js';

/** The check's own options, less what `checkPaths` works out from the paths (files, labels). */
export type CheckPathsOptions = Pick<
  CheckOptions,
  'colmap' | 'resourcesPath' | 'workDir' | 'threads' | 'signal' | 'onProgress' | 'onLog'
> & {
  /** Where the finished check's match graph is kept for a local run after it (the data folder's). */
  matchGraphs?: MatchGraphStore | undefined;
};

/**
 * Checks folders (their images, in natural order), photo files and zips (their photo entries, read
 * in place); the report names them as given (`scan.zip › IMG_1.jpg` for an entry).
 */
export async function checkPaths(paths: string[], opts: CheckPathsOptions = {}): Promise<CheckReport> {
  const files: CheckSource[] = [];
  const plain: string[] = [];
  const flush = async (): Promise<void> => {
    if (plain.length > 0) files.push(...(await listImages(plain.splice(0))));
  };
  for (const p of paths.map((x) => path.resolve(x))) {
    if (!/\.zip$/i.test(p)) {
      plain.push(p);
      continue;
    }
    await flush();
    files.push(...(await zipPhotos(p)));
  }
  await flush();
  if (files.length === 0) {
    throw new InvalidInputError(
      `No photos found in ${paths.join(', ')}.`,
      'Give a folder of JPEG or PNG photos, or the photo files.',
      { detail: 'noPhotosAt', params: { path: paths.join(', ') } },
    );
  }
  const { matchGraphs, ...checkOpts } = opts;
  let graph: Parameters<MatchGraphStore['remember']>[1] | undefined;
  const report = await runCheck({ files, ...checkOpts, onMatchGraph: (pairs) => (graph = pairs) });
  // Kept before the command ends: `scanbridge reconstruct` in the next process plans from it.
  if (graph && matchGraphs) await matchGraphs.remember(files.map(photoKey), graph);
  return report;
}

/** The photo entries of a zip (by extension, natural order), for the check to read in place. */
async function zipPhotos(zipPath: string): Promise<CheckSource[]> {
  const z = await openZipSource(zipPath, path.basename(zipPath));
  try {
    return z.candidates
      .map((c) => c.entryName)
      .filter((n) => IMAGE_EXTENSIONS.includes(path.extname(n).toLowerCase()))
      .sort(naturalCompare)
      .map((entryName) => ({ zipPath, entryName }));
  } finally {
    await z.close();
  }
}

export interface CheckPhoto {
  /** The id the UI knows the photo by. */
  id: string;
  file: CheckSource;
}

export interface CheckEvents {
  progress(checkId: string, p: CheckProgress): void;
  /** The report names photos by their ids; `error` when the check could not finish. */
  done(checkId: string, outcome: { report: CheckReport } | { cancelled: true } | { error: Error }): void;
}

export interface CheckRunner {
  start(photos: CheckPhoto[]): { checkId: string };
  cancel(checkId: string): boolean;
  /** Cancels whatever runs (the app is closing). */
  close(): void;
}

const PROGRESS_INTERVAL_MS = 100;

export function createCheckRunner(deps: {
  events: CheckEvents;
  options: () => CheckPathsOptions;
  /** The check's match graph (pairs as indices into `photos`), for the local run after it. */
  onMatchGraph?: (photos: CheckPhoto[], pairs: { a: number; b: number; inliers: number }[]) => void;
}): CheckRunner {
  let current: { id: string; controller: AbortController } | undefined;
  const cancel = (checkId: string): boolean => {
    if (current?.id !== checkId) return false;
    current.controller.abort();
    return true;
  };
  return {
    start(photos) {
      if (photos.length === 0)
        throw new InvalidInputError('There are no photos to check.', undefined, {
          detail: 'nothingToCheck',
          params: {},
        });
      if (current) cancel(current.id);
      const checkId = randomUUID().slice(0, 8);
      const controller = new AbortController();
      const mine = { id: checkId, controller };
      current = mine;
      // At most 10 ticks a second, as job progress (DESIGN: throttled to what a person can see): the
      // check reported ~100/s on 1,000 photos, each one an SSE/IPC message and a render in the page.
      const tick = throttle((p: CheckProgress) => deps.events.progress(checkId, p), PROGRESS_INTERVAL_MS);
      // Labels are the photo ids, so the report points straight at grid cells.
      void runCheck({
        files: photos.map((p) => p.file),
        labels: photos.map((p) => p.id),
        ...deps.options(),
        signal: controller.signal,
        onProgress: (p) => tick.push(p),
        onMatchGraph: (pairs) => deps.onMatchGraph?.(photos, pairs),
      })
        .finally(() => tick.flush())
        .then(
          (report) => deps.events.done(checkId, { report }),
          (e: unknown) =>
            deps.events.done(
              checkId,
              e instanceof CancelledError ? { cancelled: true } : { error: e instanceof Error ? e : new Error(String(e)) },
            ),
        )
        .finally(() => {
          if (current === mine) current = undefined;
        }); // prettier-ignore
      return { checkId };
    },
    cancel,
    close() {
      current?.controller.abort();
    },
  };
}

/** startCheck/cancelCheck for the app: photos by review id, events out through the service. */
export function createCheckHandlers(ctx: ServiceContext): Pick<ScanBridgeHandlers, 'startCheck' | 'cancelCheck'> & { close(): void } {
  const runner = createCheckRunner({
    // A local job made from these photos then matches only what the check found overlapping.
    onMatchGraph: (photos, pairs) => void ctx.deps.matchPriors?.remember(photos.map((p) => photoKey(p.file)), pairs),
    options: () => ({
      colmap: ctx.deps.settings.get().colmapPath,
      // A work folder of its own under the data folder: never beside the user's photos.
      workDir: path.join(ctx.deps.dataDir, 'check'),
    }),
    events: {
      progress: (checkId, progress) => ctx.emit('check:progress', { checkId, progress }),
      done: (checkId, outcome) => {
        if ('report' in outcome) {
          const r = outcome.report;
          const params = { check: checkId, flagged: r.flagged.length, count: r.photos, seconds: r.seconds };
          ctx.log.add('info', r.verdict === 'good' ? { code: 'checkGood', params } : r.verdict === 'risky' ? { code: 'checkRisky', params } : { code: 'checkWillFail', params }); // prettier-ignore
          ctx.emit('check:done', { checkId, report: outcome.report });
        } else if ('cancelled' in outcome) ctx.emit('check:done', { checkId, cancelled: true });
        else {
          ctx.log.add('warn', { code: 'checkFailed', params: { check: checkId }, error: outcome.error });
          ctx.emit('check:done', { checkId, error: redactError(toSerializedError(outcome.error), ctx.redact) });
        }
      },
    },
  });
  return {
    startCheck: async ({ photoIds }) => {
      const photos: CheckPhoto[] = [];
      for (const id of photoIds) {
        const p = ctx.photos.get(id);
        if (p?.source.kind === 'file') photos.push({ id, file: p.source.path });
        else if (p?.source.kind === 'zip') photos.push({ id, file: { zipPath: p.source.zipPath, entryName: p.source.entryName } }); // prettier-ignore
      }
      if (photos.length === 0) {
        throw new InvalidInputError('None of these photos can be checked (they are no longer in the review).', 'Scan the set again.', { detail: 'notInReview', params: {} }); // prettier-ignore
      }
      return runner.start(photos);
    },
    cancelCheck: async (checkId) => (runner.cancel(checkId), ok),
    close: () => runner.close(),
  };
} // prettier-ignore
