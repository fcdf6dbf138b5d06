/**
 * The local COLMAP backend on the ProcessingBackend interface. The handle is the workspace path plus
 * where the job got to; the work itself is `reconstruct`, whose stage markers make a restart resume
 * rather than redo. "Upload" means putting the photos into the workspace (zip entries are streamed
 * out of the user's zip, never the whole archive into memory).
 */
import type { LogText } from '../log-line.js';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline as streamPipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { CancelledError, isScanBridgeError, toSerializedError } from '../errors.js';
import type { BackendContext, BackendStatus, ProcessingBackend } from '../jobs/backend.js';
import { reconstruct, type ReconstructionSummary, type ReconstructProgress } from './pipeline.js';
import type { MatcherChoice } from './plan.js';
import { photoKey, type MatchPrior } from './match-prior.js';
import type { MatchGraphStore } from './match-graph-store.js';
import type { PhotoSet, PhotoSource } from '../photos/set.js';
import type { LimitCheckProblem } from '../cloud/limits.js';

export interface LocalHandle {
  workspace: string;
  photos: { source: PhotoSource; relPath: string }[];
  stage: 'created' | 'uploaded' | 'started';
  inputs?: string[] | undefined;
}

export interface LocalBackendDeps {
  /** Folder under which each job gets its workspace. */
  workspaceRoot: string;
  /** Read at start, so a change in settings applies to the next run. */
  colmapPath?: (() => string | undefined) | undefined;
  resourcesPath?: string | undefined;
  matcher?: MatcherChoice | undefined;
  mesh?: 'auto' | 'none' | undefined;
  threads?: number | undefined;
  /** The pre-flight checks' match graphs, for a run of photos the person checked (match-graph-store.ts). */
  priors?: MatchGraphStore | undefined;
}

interface Run {
  abort: AbortController;
  done: Promise<void>;
  progress?: ReconstructProgress;
  lines: LogText[];
  summary?: ReconstructionSummary;
  error?: unknown;
}

export function createLocalBackend(deps: LocalBackendDeps): ProcessingBackend<LocalHandle> {
  const runs = new Map<string, Run>();

  /** The check's graph in the run's own paths (zip entries were extracted under new names). */
  async function priorFor(h: LocalHandle): Promise<MatchPrior | undefined> {
    const keys = h.photos.map((p) => photoKey(p.source));
    const found = await deps.priors?.find(keys);
    if (!found || !h.inputs || h.inputs.length !== keys.length) return undefined;
    const inputOf = new Map(keys.map((k, i) => [k, h.inputs![i]!]));
    return { ...found, photos: found.photos.map((k) => inputOf.get(k) ?? k) };
  }

  function launch(h: LocalHandle, ctx: BackendContext): Run {
    const abort = new AbortController();
    const run: Run = { abort, lines: [], done: Promise.resolve() };
    run.done = reconstruct({
      images: h.inputs ?? [],
      // Looked up when the run plans (not when a resumed run skips planning).
      prior: () => priorFor(h),
      workspace: path.join(h.workspace, 'work'),
      colmap: deps.colmapPath?.(),
      resourcesPath: deps.resourcesPath,
      matcher: deps.matcher,
      mesh: deps.mesh,
      threads: deps.threads,
      signal: abort.signal,
      onProgress: (p) => {
        run.progress = p;
        ctx.onProgress({ fraction: p.overall, stage: p.message, step: `local_${p.stage}` });
      },
      onLog: (line) => run.lines.push(line),
    }).then(
      (s) => {
        run.summary = s;
      },
      (e: unknown) => {
        run.error = e;
      },
    );
    runs.set(h.workspace, run);
    return run;
  }

  return {
    kind: 'local',
    check(set: PhotoSet): Promise<LimitCheckProblem[]> {
      if (set.photoCount >= 3) return Promise.resolve([]);
      return Promise.resolve([
        {
          what: 'images',
          limit: 3,
          actual: set.photoCount,
          message: `A reconstruction needs at least 3 photos; this set has ${set.photoCount}.`,
        },
      ]);
    },

    async create(set, name, ctx, handle) {
      if (handle) return handle;
      const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'job';
      const h: LocalHandle = {
        workspace: path.join(deps.workspaceRoot, safe),
        photos: set.photos.map((p) => ({ source: p.source, relPath: p.relPath })),
        stage: 'created',
      };
      await mkdir(h.workspace, { recursive: true });
      await ctx.saveHandle(h);
      return h;
    },

    async upload(h, ctx) {
      if (h.stage !== 'created' && h.inputs) return h;
      const dir = path.join(h.workspace, 'input');
      await mkdir(dir, { recursive: true });
      const inputs: string[] = [];
      for (const [i, p] of h.photos.entries()) {
        if (ctx.signal.aborted) throw new CancelledError();
        if (p.source.kind === 'file') {
          inputs.push(p.source.path);
        } else {
          // Our own name for the extracted file: an entry name never chooses where we write.
          const dest = path.join(
            dir,
            `${String(i + 1).padStart(5, '0')}${path.extname(p.relPath).toLowerCase()}`,
          );
          await extractEntry(p.source, dest);
          inputs.push(dest);
        }
        ctx.onProgress({
          fraction: (i + 1) / h.photos.length,
          stage: `Preparing photo ${i + 1} of ${h.photos.length}`,
          step: 'local_photos',
        });
      }
      const next: LocalHandle = { ...h, stage: 'uploaded', inputs };
      await ctx.saveHandle(next);
      return next;
    },

    async start(h, ctx) {
      if (!runs.has(h.workspace)) launch(h, ctx);
      const next: LocalHandle = { ...h, stage: 'started' };
      await ctx.saveHandle(next);
      return next;
    },

    async poll(h, ctx): Promise<BackendStatus> {
      let run = runs.get(h.workspace);
      if (!run) {
        // The app restarted mid-run: a finished summary means done; otherwise resume (stage markers
        // skip what was finished).
        const summary = await readSummary(h);
        if (summary)
          return { phase: 'done', raw: 'done', progress: 1, resultReady: true, message: describe(summary) };
        if (h.stage !== 'started') return { phase: 'created', raw: h.stage, resultReady: false };
        run = launch(h, ctx);
      }
      if (run.summary)
        return { phase: 'done', raw: 'done', progress: 1, resultReady: true, message: describe(run.summary) };
      if (run.error !== undefined) {
        const err = toSerializedError(run.error);
        return {
          phase: err.code === 'CANCELLED' ? 'cancelled' : 'failed',
          raw: err.code,
          message: err.message,
          ...(isScanBridgeError(run.error) && err.code !== 'CANCELLED' ? { error: run.error } : {}),
          resultReady: false,
        };
      }
      return {
        phase: 'processing',
        raw: run.progress?.stage ?? 'starting',
        progress: run.progress?.overall ?? 0,
        message: run.progress?.message,
        resultReady: false,
      };
    },

    logs(h) {
      const run = runs.get(h.workspace);
      // COLMAP's output (tool lines, verbatim) and the pipeline's own (coded).
      return Promise.resolve(run ? run.lines.splice(0) : []);
    },

    async download(h, dir) {
      const summary = runs.get(h.workspace)?.summary ?? (await readSummary(h));
      if (!summary) throw new Error('The local reconstruction has not finished yet.');
      await mkdir(dir, { recursive: true });
      const files = [
        ...summary.files.sparseTxt,
        summary.files.sparsePly,
        ...(summary.files.mesh ? [summary.files.mesh] : []),
        path.join(summary.workspace, 'summary.json'),
      ];
      const out: string[] = [];
      for (const f of files) {
        const dest = path.join(dir, path.basename(f));
        await copyFile(f, dest);
        out.push(dest);
      }
      return out;
    },

    async cancel(h) {
      const run = runs.get(h.workspace);
      if (!run) return;
      run.abort.abort();
      // Kept (with its CancelledError) so poll reports "cancelled" rather than resuming it.
      await run.done;
    },

    async restart(h, ctx) {
      await this.cancel(h);
      runs.delete(h.workspace);
      launch(h, ctx);
      const next: LocalHandle = { ...h, stage: 'started' };
      await ctx.saveHandle(next);
      return next;
    },

    async remove(h) {
      await this.cancel(h);
      runs.delete(h.workspace);
      await rm(h.workspace, { recursive: true, force: true });
    },
  };
}

function describe(s: ReconstructionSummary): string {
  return `${s.registeredImages} of ${s.totalImages} photos placed, ${s.points} points${s.mesh.kind === 'none' ? '' : `, ${s.mesh.kind} mesh`}.`;
}

async function readSummary(h: LocalHandle): Promise<ReconstructionSummary | undefined> {
  try {
    return JSON.parse(
      await readFile(path.join(h.workspace, 'work', 'summary.json'), 'utf8'),
    ) as ReconstructionSummary;
  } catch {
    return undefined;
  }
}

/** Streams one entry out of a zip (store or deflate) without reading the rest. */
async function extractEntry(src: Extract<PhotoSource, { kind: 'zip' }>, dest: string): Promise<void> {
  const have = await stat(dest).catch(() => undefined);
  if (have?.isFile()) return;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(src.zipPath, { lazyEntries: true, autoClose: false }, (err, z) =>
      err || !z ? reject(err ?? new Error('zip')) : resolve(z),
    ),
  );
  try {
    const entry = await new Promise<yauzl.Entry>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === src.entryName ? resolve(e) : zip.readEntry()));
      zip.on('end', () => reject(new Error(`"${src.entryName}" is no longer in ${src.zipPath}.`)));
      zip.on('error', reject);
      zip.readEntry();
    });
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('zip')) : resolve(s))),
    );
    const tmp = `${dest}.part`;
    await streamPipeline(stream, createWriteStream(tmp));
    await rename(tmp, dest);
  } finally {
    zip.close();
  }
}
