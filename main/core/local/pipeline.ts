/**
 * `reconstruct`: photos → sparse model (TXT + PLY) → mesh, with COLMAP on this machine. Each stage
 * checks its output (COLMAP exits 0 after registering nothing), writes a marker, and is skipped on a
 * restart. Used by the CLI (`scanbridge reconstruct`) and the local ProcessingBackend.
 */
import { appendFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, ToolError, toSerializedError, type SerializedError } from '../errors.js';
import { englishOf, type LogLine, type LogText } from '../log-line.js';

/** A stage's log: COLMAP's lines (strings) and the stage's own (coded). */
type StageLog = (line: string | LogLine) => void;
import { findColmap, type ColmapInfo } from './find-colmap.js';
import {
  inspectImages,
  listImages,
  stageImages,
  totalBytes,
  type ImageInfo,
  type UnreadableImage,
} from './image-set.js';
import { buildMesh, type MeshResult } from './mesh.js';
import { runMatching, type StageFraction } from './matching.js';
import type { MatchPrior } from './match-prior.js';
import { planRun, type MatcherChoice, type RunPlan } from './plan.js';
import { checkFreeSpace, unregisteredText, unregisteredWhy, type UnregisteredWhy } from './results.js';
import type { AnalyzerKey, ColmapEvent } from './progress-parser.js';
import { defaultThreads, runStep } from './run-step.js';
import {
  clearFrom,
  overallProgress,
  readMarker,
  STAGE_LABEL,
  workspacePaths,
  writeMarker,
  type StageName,
} from './stages.js';
import { readModelImages } from './colmap-model.js';

/** Long side of the working copies: the most planRun ever works at. */
const WORKING_SIZE = 1600;

export interface ReconstructProgress {
  stage: StageName;
  stageFraction: number;
  overall: number;
  message: string;
  /** What the stage has done of how many (photos, pairs, blocks), when COLMAP says it. */
  count?: { done: number; total: number } | undefined;
}

export interface ReconstructOptions {
  /** Image files, or one folder of images. */
  images: string[] | string;
  workspace: string;
  /** COLMAP executable or folder from settings; else bundled, else PATH. */
  colmap?: string | undefined;
  resourcesPath?: string | undefined;
  matcher?: MatcherChoice | undefined;
  /**
   * The pre-flight check's match graph of these photos: matching then skips what it ruled out. A
   * function is asked when the run plans, with the photo files found (absolute paths).
   */
  prior?: MatchPrior | ((files: string[]) => Promise<MatchPrior | undefined>) | undefined;
  mesh?: 'auto' | 'none' | undefined;
  threads?: number | undefined;
  /** Process priority for COLMAP (POSIX niceness, default 10: the desktop stays responsive). */
  niceness?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ReconstructProgress) => void) | undefined;
  /** COLMAP's output (tool lines, verbatim) and the pipeline's own lines (coded: main/contract/log-lines.ts). */
  onLog?: ((line: LogText) => void) | undefined;
}

export interface ModelStats {
  path: string;
  registeredImages: number;
  points: number;
  meanReprojectionError: number;
}

export interface ReconstructionSummary {
  workspace: string;
  colmap: { command: string; version: string; cuda: boolean; capabilities: string };
  plan: RunPlan;
  totalImages: number;
  registeredImages: number;
  points: number;
  observations: number;
  meanTrackLength: number;
  meanReprojectionError: number;
  /** Seconds per stage; `skipped` when a restart found it already done. */
  stages: { stage: StageName; seconds: number; skipped: boolean }[];
  totalSeconds: number;
  /** Every model COLMAP made (a split image graph gives several); the largest is used. */
  models: ModelStats[];
  chosenModel: string;
  /** `why`: the reason as a code (results.ts), absent in a summary from before it existed. */
  unregistered: { image: string; reason: string; why?: UnregisteredWhy | undefined }[];
  /** No mesh: `reason` in English (logs, JSON); `error`, when it failed, for a front end's own words. */
  mesh:
    (Omit<MeshResult, 'file'> & { file: string }) | { kind: 'none'; reason: string; error?: SerializedError };
  files: { sparseTxt: string[]; sparsePly: string; mesh?: string | undefined };
}

interface PrepareData {
  images: ImageInfo[];
  unreadable: UnreadableImage[];
  plan: RunPlan;
}

export async function reconstruct(opts: ReconstructOptions): Promise<ReconstructionSummary> {
  const started = Date.now();
  const ws = workspacePaths(path.resolve(opts.workspace));
  await mkdir(ws.logs, { recursive: true });
  const colmap = await findColmap({ settingsPath: opts.colmap, resourcesPath: opts.resourcesPath });
  const threads = opts.threads ?? defaultThreads();
  const wantMesh = opts.mesh !== 'none';
  const stages: StageName[] = [
    'prepare',
    'extract',
    'match',
    'map',
    'export',
    ...(wantMesh ? (['mesh'] as const) : []),
  ];
  const timings: ReconstructionSummary['stages'] = [];
  let lastOverall = 0;
  const report = (
    stage: StageName,
    fraction: number,
    message = STAGE_LABEL[stage],
    count?: ReconstructProgress['count'],
  ): void => {
    // Progress never goes backwards, even when COLMAP's own counters restart within a step.
    lastOverall = Math.max(lastOverall, overallProgress(stages, stage, fraction));
    opts.onProgress?.({
      stage,
      stageFraction: Math.max(0, Math.min(1, fraction)),
      overall: lastOverall,
      message,
      ...(count ? { count } : {}),
    });
  };
  // Which COLMAP runs and what it can make here (a dense mesh needs CUDA): said by code.
  const which = { version: colmap.version, source: colmap.source, command: colmap.command };
  opts.onLog?.(
    colmap.cuda ? { code: 'localColmapDense', params: which } : { code: 'localColmapSparse', params: which },
  );

  /** Runs a stage unless its marker says it is done; the marker holds what later stages need. */
  async function stage<T>(
    name: StageName,
    run: (log: StageLog, frac: StageFraction) => Promise<T>,
  ): Promise<T> {
    const marker = await readMarker<T>(ws, name);
    if (marker) {
      timings.push({ stage: name, seconds: marker.seconds, skipped: true });
      report(name, 1, `${STAGE_LABEL[name]} (already done)`);
      return marker.data;
    }
    await clearFrom(ws, name);
    const t0 = Date.now();
    const lines: string[] = [];
    // A string is COLMAP's own line; the stage's log file has every line in English.
    const log: StageLog = (line) => {
      lines.push(typeof line === 'string' ? line : englishOf(line));
      opts.onLog?.(typeof line === 'string' ? { tool: 'colmap', text: line } : line);
    };
    let best = 0;
    report(name, 0);
    try {
      const data = await run(log, (f, msg, count) => {
        best = Math.max(best, f);
        report(name, best, msg, count);
      });
      const seconds = (Date.now() - t0) / 1000;
      await writeMarker(ws, name, seconds, data);
      timings.push({ stage: name, seconds, skipped: false });
      report(name, 1);
      return data;
    } finally {
      await appendFile(path.join(ws.logs, `${name}.log`), lines.map((l) => `${l}\n`).join('')).catch(
        () => undefined,
      );
    }
  }
  const hooks = (log: (l: string) => void, onEvent?: (e: ColmapEvent) => void) => ({
    signal: opts.signal,
    onLine: log,
    onEvent,
    niceness: opts.niceness,
  });

  const prep = await stage<PrepareData>('prepare', async (log) => {
    const files = await listImages(opts.images);
    const set = await inspectImages(files);
    // The reason by its code (and figures), said by the front ends; the English for the stage's log file.
    for (const u of set.unreadable) {
      const { code = 'unreadable', ...figures } = u.why ?? {};
      log({ code: 'localSkipped', params: { ...figures, file: u.source, reason: code, english: u.reason } });
    }
    if (set.images.length < 3) {
      throw new InvalidInputError(
        `A reconstruction needs at least 3 readable photos; ${files.length === 0 ? 'none were found' : `only ${set.images.length} of ${files.length} could be read`}.`,
        'Add more overlapping photos of the object (30 or more work best).',
        { detail: 'tooFewPhotos', params: { count: set.images.length, total: files.length } },
      );
    }
    await checkFreeSpace(ws.root, await totalBytes(set.images.map((i) => i.source)));
    // Working copies at COLMAP's working size (1600 px, see planRun) for large or turned JPEGs.
    const images = await stageImages(set, ws.images, { workingSize: WORKING_SIZE, threads });
    const prior = typeof opts.prior === 'function' ? await opts.prior(files) : opts.prior;
    const plan = planRun(images, { matcher: opts.matcher, threads, prior });
    // COLMAP's settings for this run, by code: the front ends say the matcher, why and the camera.
    log({
      code: 'localPlan',
      params: {
        matcher: plan.matcher,
        why: plan.matcherWhy.code,
        figure: plan.matcherWhy.figure ?? 0,
        camera: plan.singleCamera ? 'shared' : 'perPhoto',
        focal: plan.focalPx ? Math.round(plan.focalPx) : 0,
        features: plan.maxNumFeatures,
        size: plan.maxImageSize,
        threads,
      },
    });
    return { images, unreadable: set.unreadable, plan };
  });
  const { plan, images } = prep;
  const n = images.length;

  const features = await stage<Record<string, number>>('extract', async (log, frac) => {
    await rm(ws.database, { force: true });
    await rm(`${ws.database}-wal`, { force: true });
    await rm(`${ws.database}-shm`, { force: true });
    const counts: Record<string, number> = {};
    let current = '';
    await runStep({
      colmap,
      step: 'feature_extractor',
      args: [
        '--database_path', ws.database, '--image_path', ws.images,
        '--ImageReader.camera_model', 'SIMPLE_RADIAL', '--ImageReader.single_camera', plan.singleCamera ? '1' : '0',
        ...(plan.focalPx && images[0]?.width && images[0].height ? ['--ImageReader.camera_params', `${plan.focalPx},${images[0].width / 2},${images[0].height / 2},0`] : []),
        '--SiftExtraction.use_gpu', '0', '--SiftExtraction.num_threads', String(threads),
        '--SiftExtraction.max_image_size', String(plan.maxImageSize), '--SiftExtraction.max_num_features', String(plan.maxNumFeatures),
        // One orientation, no affine shape, no DSP: the expensive options buy little on CPU.
        '--SiftExtraction.first_octave',
        String(plan.firstOctave),
        '--SiftExtraction.max_num_orientations', '1', '--SiftExtraction.estimate_affine_shape', '0', '--SiftExtraction.domain_size_pooling', '0',
      ],
      ...hooks(
        (line) => {
          log(line);
          const name = /^\s*Name:\s*(.+)$/.exec(line);
          if (name?.[1]) current = name[1].trim();
          const f = /^\s*Features:\s*(\d+)/.exec(line);
          if (f && current) counts[current] = Number(f[1]);
        },
        (e) => e.kind === 'extract' && frac(e.done / e.total, `Finding features: photo ${e.done} of ${e.total}`, { done: e.done, total: e.total }),
      ),
    });
    if (Object.keys(counts).length === 0) throw new ToolError('COLMAP found no features in any photo.', 'Check that the photos are sharp and show a textured object.', undefined, { detail: 'noFeatures', params: {} });
    return counts;
  }); // prettier-ignore

  await stage('match', async (log, frac) => {
    await runMatching({
      colmap,
      database: ws.database,
      root: ws.root,
      plan,
      names: images.map((i) => i.name),
      threads,
      hooks: hooks(log),
      frac,
    });
    return {};
  });

  const mapped = await stage<{ models: string[] }>('map', async (log, frac) => {
    await rm(ws.sparse, { recursive: true, force: true });
    await mkdir(ws.sparse, { recursive: true });
    // COLMAP 3.8 exits 0 with an empty sparse/ when nothing registers, or 1 with "failed to create
    // sparse model" when no pair matched at all: both mean "no model", said the same way below.
    const noModel = /failed to create sparse model|No images with matches/i;
    await runStep({
      colmap,
      step: 'mapper',
      args: [
        '--database_path',
        ws.database,
        '--image_path',
        ws.images,
        '--output_path',
        ws.sparse,
        '--Mapper.num_threads',
        String(threads),
      ],
      ...hooks(
        log,
        (e) =>
          e.kind === 'register' &&
          frac(e.registered / n, `Building the sparse model: ${e.registered} of ${n} photos placed`, {
            done: e.registered,
            total: n,
          }),
      ),
    }).catch((e: unknown) => {
      if (!(e instanceof ToolError && noModel.test(e.message))) throw e;
    });
    const models = (await readdir(ws.sparse).catch(() => []))
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(a) - Number(b));
    if (models.length === 0) {
      throw new ToolError(
        `COLMAP could not place any of the ${n} photos relative to each other, so there is no model.`,
        'The photos need more overlap (each part of the object in 3+ photos from nearby angles), sharper focus, or more texture on the object.',
        undefined,
        { detail: 'noModel', params: { count: n } },
      );
    }
    return { models: models.map((m) => path.join(ws.sparse, m)) };
  });

  const exported = await stage<{ models: ModelStats[]; chosen: ModelStats; stats: Partial<Record<AnalyzerKey, number>> }>('export', async (log) => {
    const models: ModelStats[] = [];
    const allStats: Partial<Record<AnalyzerKey, number>>[] = [];
    for (const m of mapped.models) {
      const r = await runStep({ colmap, step: 'model_analyzer', args: ['--path', m], ...hooks(log) });
      const s: Partial<Record<AnalyzerKey, number>> = {};
      for (const e of r.events) if (e.kind === 'stat') s[e.key] = e.value;
      allStats.push(s);
      models.push({ path: m, registeredImages: s.registeredImages ?? 0, points: s.points ?? 0, meanReprojectionError: s.meanReprojectionError ?? NaN });
    }
    const best = models.reduce((a, b, i) => (b.registeredImages > models[a]!.registeredImages || (b.registeredImages === models[a]!.registeredImages && b.points > models[a]!.points) ? i : a), 0);
    const chosen = models[best]!;
    if (models.length > 1) log({ code: 'localModels', params: { count: models.length, path: chosen.path } });
    await rm(ws.model, { recursive: true, force: true });
    await mkdir(ws.model, { recursive: true });
    await runStep({ colmap, step: 'model_converter', args: ['--input_path', chosen.path, '--output_path', ws.model, '--output_type', 'TXT'], ...hooks(log) });
    await runStep({ colmap, step: 'model_converter', args: ['--input_path', chosen.path, '--output_path', path.join(ws.model, 'points.ply'), '--output_type', 'PLY'], ...hooks(log) });
    for (const f of ['cameras.txt', 'images.txt', 'points3D.txt', 'points.ply']) {
      if (!(await stat(path.join(ws.model, f)).catch(() => undefined))) throw new ToolError(`COLMAP model_converter did not write ${f}.`, 'See the job log.', undefined, { detail: 'noOutput', params: { step: 'model_converter', file: f } });
    }
    return { models, chosen, stats: allStats[best] ?? {} };
  }); // prettier-ignore

  let mesh: ReconstructionSummary['mesh'] = { kind: 'none', reason: 'not requested' };
  if (wantMesh) {
    try {
      mesh = await stage<MeshResult>('mesh', (log, frac) => buildMesh(colmap, ws, threads, hooks(log), frac));
    } catch (e) {
      // A missing mesh does not void a good sparse model: report it and keep the result.
      if (!(e instanceof ToolError)) throw e;
      mesh = { kind: 'none', reason: e.message, error: toSerializedError(e) };
      opts.onLog?.({ code: 'localNoMesh', params: {}, error: e });
    }
  }

  const registered = new Set((await readModelImages(ws.model)).map((i) => i.name));
  const unregistered = [
    ...prep.unreadable.map((u) => ({ image: u.source, reason: u.reason, why: u.why })),
    ...images
      .filter((i) => !registered.has(i.name))
      .map((i) => {
        const why = unregisteredWhy(features[i.name], features, exported.models.length);
        return { image: i.source, reason: unregisteredText(why), why };
      }),
  ];
  const s = exported.stats;
  const summary: ReconstructionSummary = {
    workspace: ws.root,
    colmap: {
      command: colmap.command,
      version: colmap.version,
      cuda: colmap.cuda,
      capabilities: colmap.capabilities,
    },
    // The pair list stays in the prepare marker: thousands of names say nothing in a summary.
    plan: { ...plan, pairs: undefined },
    totalImages: images.length + prep.unreadable.length,
    registeredImages: exported.chosen.registeredImages,
    points: exported.chosen.points,
    observations: s.observations ?? 0,
    meanTrackLength: s.meanTrackLength ?? 0,
    meanReprojectionError: exported.chosen.meanReprojectionError,
    stages: timings,
    totalSeconds: (Date.now() - started) / 1000,
    models: exported.models,
    chosenModel: exported.chosen.path,
    unregistered,
    mesh,
    files: {
      sparseTxt: ['cameras.txt', 'images.txt', 'points3D.txt'].map((f) => path.join(ws.model, f)),
      sparsePly: path.join(ws.model, 'points.ply'),
      mesh: 'file' in mesh ? mesh.file : undefined,
    },
  };
  await writeFile(path.join(ws.root, 'summary.json'), JSON.stringify(summary, null, 2));
  return summary;
}

export type { ColmapInfo };
