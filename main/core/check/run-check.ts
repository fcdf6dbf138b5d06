/**
 * The pre-flight check: small copies of the photos in a work folder of its own, per-photo measures,
 * the existing duplicate test, a quick COLMAP pass for the match graph and the camera ring, then a
 * verdict. Cancellable (an AbortSignal stops sharp between photos and COLMAP at once); progress as
 * one fraction over weighted phases. The work folder is removed afterwards unless asked to keep it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { CancelledError, ScanBridgeError } from '../errors.js';
import { findColmap } from '../local/find-colmap.js';
import { captureOrder } from '../local/plan.js';
import { defaultThreads } from '../local/run-step.js';
import type { Photo } from '../photos/types.js';
import { duplicateWarnings } from '../photos/warnings.js';
import { judge, type GraphFacts, type PhotoMeasure } from './judge.js';
import { components, linkedThrough, overlapStrength, weakPhotos, type Pair } from './match-graph.js';
import { median } from './measures.js';
import { mappedSubset, matchPhotos, placePhotos, type QuickSfmOptions } from './quick-sfm.js';
import { findRingGaps, type Vec3 } from './ring.js';
import { makeSmallCopy, SMALL_EDGE, type SmallCopy } from './small-copies.js';
import { createSourceReader, type CheckSource } from './sources.js';
import type { CheckPhase, CheckProgress, CheckReport } from './types.js';

export interface CheckOptions {
  /** Photo files or zip entries, in capture order when there is one. */
  files: CheckSource[];
  /** What the report calls each photo (default: the path as given, `zip › entry` for an entry). */
  labels?: string[] | undefined;
  /** Folder to make the check's own work folder in (default: the system temp folder). */
  workDir?: string | undefined;
  keepWork?: boolean | undefined;
  colmap?: string | undefined;
  resourcesPath?: string | undefined;
  threads?: number | undefined;
  /** Long side of the small copies (640–800). */
  edge?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: CheckProgress) => void) | undefined;
  onLog?: ((line: string) => void) | undefined;
  /**
   * The match graph once matching is done: every pair tried, as indices into `files`, with its
   * inlier matches (0: did not verify). The local reconstruction plans its matching from it.
   */
  onMatchGraph?: ((pairs: Pair[]) => void) | undefined;
}

const WEIGHT: Record<CheckPhase, number> = {
  prepare: 0.3,
  features: 0.2,
  matching: 0.3,
  mapping: 0.18,
  judging: 0.02,
};
const PHASES: CheckPhase[] = ['prepare', 'features', 'matching', 'mapping', 'judging']; // prettier-ignore

export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const files = opts.files;
  const nameOf = (f: CheckSource): string => (typeof f === 'string' ? f : f.entryName);
  const labels = opts.labels ?? files.map((f) => (typeof f === 'string' ? f : `${path.basename(f.zipPath)} › ${f.entryName}`)); // prettier-ignore
  const threads = opts.threads ?? defaultThreads();
  const signal = opts.signal;
  let best = 0;
  const progress = (phase: CheckPhase, f: number, done?: number, total?: number): void => {
    const before = PHASES.slice(0, PHASES.indexOf(phase)).reduce((s, p) => s + WEIGHT[p], 0);
    best = Math.max(best, Math.min(1, before + WEIGHT[phase] * Math.max(0, Math.min(1, f))));
    opts.onProgress?.({ phase, fraction: best, ...(done !== undefined ? { done, total } : {}) });
  };
  const throwIfAborted = (): void => {
    if (signal?.aborted) throw new CancelledError('The check was cancelled.');
  };
  throwIfAborted();
  const parent = opts.workDir ?? os.tmpdir();
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(path.join(parent, 'scanbridge-check-'));
  const reader = createSourceReader();
  try {
    const images = path.join(root, 'images');
    await mkdir(images, { recursive: true });
    progress('prepare', 0, 0, files.length);

    const copies: (SmallCopy | { error: string })[] = new Array(files.length);
    const samples: (Pick<Photo, 'size' | 'sample'> | undefined)[] = new Array(files.length);
    const limit = pLimit(Math.max(1, threads));
    let done = 0;
    await Promise.all(
      files.map((file, i) =>
        limit(async () => {
          throwIfAborted();
          const dest = path.join(images, `p${String(i + 1).padStart(5, '0')}.jpg`);
          const bytes = await reader.read(file).catch((e: unknown) => ({ error: reasonOf(e) }));
          if ('error' in bytes) {
            copies[i] = bytes;
          } else {
            copies[i] = await makeSmallCopy(bytes.input, dest, opts.edge ?? SMALL_EDGE, bytes.name).catch((e: unknown) => ({ error: reasonOf(e) })); // prettier-ignore
            samples[i] = { size: bytes.size, sample: bytes.sample };
          }
          progress('prepare', ++done / files.length, done, files.length);
        }),
      ),
    ); // prettier-ignore
    throwIfAborted();

    const measures = copies.map((c): PhotoMeasure | { error: string } =>
      'error' in c ? c : { sharpness: c.sharpness, highlights: c.highlights, shadows: c.shadows },
    );
    const duplicates = findDuplicates(samples);
    const readable = copies.flatMap((c, i) => ('error' in c ? [] : [{ i, c }]));

    let graph: GraphFacts | undefined;
    let colmap: Awaited<ReturnType<typeof findColmap>> | undefined;
    try {
      colmap = await findColmap({ settingsPath: opts.colmap, resourcesPath: opts.resourcesPath });
    } catch (e) {
      // Without COLMAP the per-photo measures still help; the report says the graph is missing.
      opts.onLog?.(`No COLMAP, so no match graph: ${reasonOf(e)}`);
    }
    if (colmap && readable.length >= 2) {
      const names = readable.map((r) => path.basename(r.c.file));
      const sizes = new Set(readable.map((r) => `${r.c.width}x${r.c.height}`));
      const focals = readable.map((r) => r.c.focalPx).filter((f): f is number => f !== undefined);
      const first = readable[0]!.c;
      const sfmOpts: QuickSfmOptions = {
        colmap,
        root,
        images,
        names,
        ordered: captureOrder(readable.map((r) => ({ source: nameOf(files[r.i]!), name: '' }))) !== undefined,
        threads,
        camera:
          sizes.size === 1
            ? { focalPx: focals.length === readable.length ? median(focals) : undefined, width: first.width, height: first.height } // prettier-ignore
            : undefined,
        signal,
        onLog: opts.onLog,
        onProgress: (phase, f) => progress(phase, f),
      };
      const pairs = await matchPhotos(sfmOpts);
      throwIfAborted();
      // Indices inside the COLMAP pass → indices of the files.
      const toFile = readable.map((r) => r.i);
      opts.onMatchGraph?.(pairs.map((p) => ({ a: toFile[p.a]!, b: toFile[p.b]!, inliers: p.inliers })));
      const local = components(readable.length, pairs);
      const mainLocal = local[0] ?? [];
      const mapped = mappedSubset(mainLocal);
      const centres = await placePhotos(sfmOpts, mapped);
      throwIfAborted();
      progress('judging', 0);
      const groups = local.map((g) => g.map((k) => toFile[k]!));
      const strength = overlapStrength(readable.length, pairs);
      const weakLocal = weakPhotos(mainLocal, strength);
      const weak = weakLocal.map((w) => ({ ...w, index: toFile[w.index]! }));
      const placedLocal = [...centres.keys()].sort((a, b) => a - b);
      const ring = findRingGaps(placedLocal.map((k) => centres.get(k)!) as Vec3[]);
      // The mapper alone does not decide: a photo of the main group it left out (or was not given) but
      // that matches its neighbours well counts as placed, and an arc that photos it tried and left
      // out bridge is no gap (linkedThrough). Not the photos it was not given: spread around the
      // whole ring, they would link any two photos the long way round.
      const unplaced = new Set(mapped.filter((k) => !centres.has(k)));
      const weakSet = new Set(weakLocal.map((w) => w.index));
      const inMapper = new Set(mapped);
      const notTried = mainLocal.filter((k) => !inMapper.has(k));
      const matchedOnly = centres.size > 0 ? [...unplaced, ...notTried].filter((k) => !weakSet.has(k)) : [];
      const gaps = ring.gaps
        .map((g) => ({ ...g, after: placedLocal[g.after]!, before: placedLocal[g.before]! }))
        .filter((g) => !linkedThrough(g.after, g.before, unplaced, pairs));
      if (unplaced.size > 0)
        opts.onLog?.(`Check: the mapper left out ${unplaced.size} photo(s) of the main group; ${matchedOnly.length} match their neighbours well, ${ring.gaps.length - gaps.length} arc(s) they cover are no gap.`); // prettier-ignore
      graph = {
        groups,
        weak,
        placed: new Set([...placedLocal, ...matchedOnly].map((k) => toFile[k]!)),
        gaps: gaps.map((g) => ({ ...g, after: toFile[g.after]!, before: toFile[g.before]! })),
      };
      opts.onLog?.(`Check: ${groups.length} group(s), ${graph.placed.size} placed, ring=${ring.isRing} step=${ring.medianStepDegrees.toFixed(1)}° gaps=${ring.gaps.length}`); // prettier-ignore
    }
    const report = judge({ files: labels, measures, duplicates, graph, seconds: (performance.now() - started) / 1000 }); // prettier-ignore
    progress('judging', 1);
    return report;
  } finally {
    await reader.close();
    if (!opts.keepWork) await rm(root, { recursive: true, force: true });
  }
}

/** The scan's own duplicate test (size + sampled hash); each repeat points at the group's first. */
function findDuplicates(samples: (Pick<Photo, 'size' | 'sample'> | undefined)[]): { index: number; of: number }[] {
  const photos = samples.flatMap((s, i) => (s ? [{ ...s, displayPath: String(i) } as Photo] : []));
  return duplicateWarnings(photos).flatMap((w) => {
    const [first, ...rest] = w.paths.map(Number);
    return rest.map((index) => ({ index, of: first! }));
  });
} // prettier-ignore

function reasonOf(e: unknown): string {
  if (e instanceof ScanBridgeError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
