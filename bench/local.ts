/**
 * Local reconstruction of camera photos (issue 16 item 5): `npm run bench -- local`.
 * Our pipeline (`reconstruct`, as the app and `scanbridge reconstruct` run it: working copies,
 * EXIF camera, rough mesh included) against `colmap automatic_reconstructor --quality medium` on
 * the same synthetic 12 MP camera JPEGs with EXIF (renders scaled up, not photographs). Goal:
 * ≤ 0.25× its wall time with as many photos registered. Each run is measured from outside with GNU
 * time (wall, CPU of the process tree, peak RSS of the largest process), then scored against the
 * true camera centres. BENCH_QUICK=1: 24 instead of 36 photos (16 were too few for a ring: 22.5° apart). BENCH_THREADS=N: our threads
 * (default: every core, as automatic_reconstructor uses).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReconstructionSummary } from '../main/core/local/pipeline.js';
import { generateCameraSet } from '../main/core/local/testing/camera-jpegs.js';
import { evaluateModel } from '../main/core/local/testing/evaluate.js';
import type { SynthResult } from '../main/core/local/testing/synth.js';
import { automatic, pipelineRow, timed } from './colmap.js';
import { bundleChild } from './lib/children.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export async function runLocalBench(opts: { quick?: boolean } = {}): Promise<unknown> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scanbridge-bench-local-'));
  const views = opts.quick ? 24 : 36;
  const threads = Number(process.env.BENCH_THREADS ?? os.availableParallelism());
  try {
    const load0 = os.loadavg();
    process.stderr.write(`[local] ${views} synthetic 12 MP camera JPEGs with EXIF…\n`);
    const set = await generateCameraSet({ dir: path.join(root, 'photos'), views });
    // The truth under the photos' own names (automatic_reconstructor keeps them).
    const truth: SynthResult = { ...set.truth, views: set.truth.views.map((v, i) => ({ ...v, file: set.files[i]! })) }; // prettier-ignore

    process.stderr.write('[local] our pipeline…\n');
    const ws = path.join(root, 'ours');
    const child = await bundleChild(path.join(here, 'lib', 'colmap-child.ts'), path.join(here, '.data'));
    const t = await timed(process.execPath, [...child, path.join(root, 'photos'), ws, String(threads)]);
    const s = JSON.parse(t.stdout) as ReconstructionSummary;
    const prep = JSON.parse(await readFile(path.join(ws, 'stages', 'prepare.json'), 'utf8')) as {
      data: { images: { name: string; source: string }[] };
    };
    const sourceOf = new Map(prep.data.images.map((i) => [i.name, i.source]));
    const ev = await evaluateModel(truth, path.join(ws, 'model'), (n) => sourceOf.get(n) ?? n);
    const ours = {
      ...pipelineRow(t, s, ev.centreErrorMax),
      focalPxFromExif: s.plan.focalPx ?? null,
      mesh: s.mesh.kind,
    };
    await rm(ws, { recursive: true, force: true });

    process.stderr.write('[local] automatic_reconstructor --quality medium…\n');
    const auto = await automatic(truth, path.join(root, 'photos'), path.join(root, 'auto'), 'automatic_reconstructor --quality medium', ['--quality', 'medium']); // prettier-ignore
    return {
      bench: 'local',
      cpus: os.cpus().length,
      threads,
      views,
      size: '4000x3000 (synthetic renders with camera EXIF)',
      loadavgStart: load0.map(r3),
      loadavgEnd: os.loadavg().map(r3),
      runs: [ours, auto],
      ratioVsMedium: r3(ours.wallS / auto.wallS),
      cpuRatioVsMedium: r3(ours.cpuS / auto.cpuS),
      sameRegistration: ours.registered >= auto.registered,
      targets: { ratioVsMedium: 0.25, sameRegistration: true },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
