/**
 * Pre-flight check benchmark (issue 16): `npm run bench -- check`.
 *  - speed: the check on 34 synthetic views of 800×600 against `colmap automatic_reconstructor
 *    --quality medium` on the same set (target ≤ 0.15× its wall time), each measured from outside
 *    with GNU time (wall, CPU of the whole process tree, peak RSS of the largest process);
 *  - scale: the check on 300 synthetic 12 MP camera JPEGs with EXIF (rendered at 800×600 and scaled
 *    up: renders, not photographs) on 2 threads (target ≤ 180 s, ≤ 500 MB);
 *  - quality: a planted-problem set, found / planted and false flags per good photo.
 * BENCH_QUICK=1: 60 instead of 300 large photos. The machine may be shared: load averages are
 * recorded beside the times, and CPU seconds are steadier than wall time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckReport } from '../main/core/check/index.js';
import { generateCameraSet } from '../main/core/local/testing/camera-jpegs.js';
import { generatePlantedSet, scorePlanted } from '../main/core/local/testing/planted.js';
import { generateSyntheticSet } from '../main/core/local/testing/synth.js';
import { automatic, timed } from './colmap.js';
import { bundleChild } from './lib/children.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface CheckRun {
  wallS: number;
  cpuS: number;
  peakRssMB: number;
  verdict: string;
  photos: number;
  flagged: number;
  placed: number;
  /** Per phase of the check: wall and CPU seconds (COLMAP's included). */
  stages: Stages;
}

type Stages = Record<string, { wallS: number; cpuS: number }>;

/** The check child, bundled once (node's start-up, as the built `scanbridge check`, not tsx's). */
let childArgs: Promise<string[]> | undefined;

async function check(files: string[], threads: number): Promise<CheckRun & { report: CheckReport }> {
  // Bundled under bench/.data so its bare imports (sharp, sql.js) resolve from this node_modules.
  childArgs ??= bundleChild(path.join(here, 'lib', 'check-child.ts'), path.join(here, '.data'));
  const t = await timed(process.execPath, [...(await childArgs), String(threads), ...files]);
  const { report, stages } = JSON.parse(t.stdout) as { report: CheckReport; stages: Stages };
  return { wallS: t.wallS, cpuS: t.cpuS, peakRssMB: t.peakRssMB, verdict: report.verdict, photos: report.photos, flagged: report.flagged.length, placed: report.placed, stages, report }; // prettier-ignore
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;
const strip = ({ report: _r, ...run }: CheckRun & { report: CheckReport }): CheckRun => run;

export async function runCheckBench(opts: { quick?: boolean } = {}): Promise<unknown> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scanbridge-bench-check-'));
  const threads = 2;
  try {
    const load0 = os.loadavg();
    const small = await generateSyntheticSet({
      dir: path.join(root, 'small'),
      views: 34,
      width: 800,
      height: 600,
    });
    const smallFiles = small.views.map((v) => v.file);
    process.stderr.write('[check] check on 34 × 800×600…\n');
    const ours = await check(smallFiles, threads);
    process.stderr.write('[check] automatic_reconstructor --quality medium on the same set…\n');
    const auto = await automatic(small, small.dir, path.join(root, 'auto'), 'automatic_reconstructor --quality medium', ['--quality', 'medium']); // prettier-ignore

    process.stderr.write('[check] planted problems…\n');
    const set = await generatePlantedSet({ dir: path.join(root, 'planted'), views: 36, blur: [3, 11, 31], overexpose: [7, 20, 33], missingArc: { from: 23, count: 6 }, foreign: { after: 15, count: 6 } }); // prettier-ignore
    const planted = await check(set.files, threads);
    const score = scorePlanted(set, planted.report);

    const n = opts.quick ? 60 : 300;
    process.stderr.write(`[check] ${n} synthetic 12 MP camera JPEGs…\n`);
    const cam = await generateCameraSet({ dir: path.join(root, 'large'), views: n });
    await rm(path.join(root, 'small'), { recursive: true, force: true });
    const large = await check(cam.files, threads);
    const load1 = os.loadavg();
    return {
      bench: 'check',
      cpus: os.cpus().length,
      threads,
      loadavgStart: load0.map(r3),
      loadavgEnd: load1.map(r3),
      small: { views: 34, size: '800x600', check: strip(ours), automaticMedium: auto },
      ratioVsMedium: r3(ours.wallS / auto.wallS),
      cpuRatioVsMedium: r3(ours.cpuS / auto.cpuS),
      quality: { ...score, falseFlagsPer30Good: r3((score.falseFlags.length / score.good) * 30), foundRate: r3(score.found / score.planted), check: strip(planted) }, // prettier-ignore
      large: { photos: n, size: '4000x3000 (synthetic renders with camera EXIF)', check: strip(large) },
      targets: {
        ratioVsMedium: 0.15,
        largeSeconds: 180,
        peakRssMB: 500,
        foundRate: 0.9,
        falseFlagsPer30Good: 1,
      },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
