/**
 * Local reconstruction benchmark (issue 6, Performance): our COLMAP pipeline against
 * `colmap automatic_reconstructor --use_gpu 0` at `--quality medium` and at its defaults, on the
 * synthetic ring (30 views, 640×480). Each run is measured from outside with GNU time: wall time,
 * CPU seconds of the whole process tree (steadier than wall time on a shared machine) and the peak
 * RSS of its largest process; then registered images, mean reprojection error and camera-centre
 * error after a similarity alignment. Targets: ≤ 0.35× medium and ≤ 0.07× defaults (wall time).
 *
 *   npx tsx bench/colmap.ts      BENCH_QUICK=1: skip the defaults run; BENCH_COLMAP_SIZE=1600x1200: larger views
 *                                BENCH_THREADS=N: threads for our pipeline (default: all cores,
 *                                as automatic_reconstructor uses; the app itself leaves one free)
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseLine } from '../main/core/local/progress-parser.js';
import { evaluateModel } from '../main/core/local/testing/evaluate.js';
import { generateSyntheticSet, type SynthResult } from '../main/core/local/testing/synth.js';
import type { ReconstructionSummary } from '../main/core/local/pipeline.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ColmapBenchRun {
  name: string;
  wallS: number;
  cpuS: number;
  peakRssMB: number;
  registered: number;
  total: number;
  meanReprojectionError: number | null;
  centreErrorMaxPctOfRadius: number | null;
  stages?: Record<string, number>;
}

export interface ColmapBenchResult {
  bench: 'colmap';
  views: number;
  size: string;
  cpus: number;
  loadavgStart: number[];
  loadavgEnd: number[];
  runs: ColmapBenchRun[];
  ratioVsMedium: number | null;
  ratioVsDefaults: number | null;
  cpuRatioVsMedium: number | null;
  cpuRatioVsDefaults: number | null;
  targets: { vsMedium: 0.35; vsDefaults: 0.07 };
}

export interface Timed {
  wallS: number;
  cpuS: number;
  peakRssMB: number;
  stdout: string;
}

/** Runs a command under GNU time (`%e %U %S %M` on the last stderr line). */
export function timed(cmd: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const marker = '@@TIME@@';
    const child = spawn('/usr/bin/time', ['-f', `${marker} %e %U %S %M`, cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.length > 200_000) err = err.slice(-100_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const m = new RegExp(`${marker} ([\\d.]+) ([\\d.]+) ([\\d.]+) (\\d+)`).exec(err);
      if (code !== 0 || !m) return reject(new Error(`${cmd} failed (${code}): ${err.slice(-2000)}`));
      resolve({
        wallS: Number(m[1]),
        cpuS: Number(m[2]) + Number(m[3]),
        peakRssMB: Math.round(Number(m[4]) / 102.4) / 10,
        stdout: out,
      });
    });
  });
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      cmd,
      args,
      { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, maxBuffer: 1 << 26 },
      (e, so, se) => (e ? reject(e) : resolve(`${so}\n${se}`)),
    ),
  );
}

async function analyze(model: string): Promise<{ registered: number; reproj: number | null }> {
  const stats: Record<string, number> = {};
  for (const line of (await run('colmap', ['model_analyzer', '--path', model])).split('\n')) {
    const e = parseLine(line);
    if (e?.kind === 'stat') stats[e.key] = e.value;
  }
  return { registered: stats.registeredImages ?? 0, reproj: stats.meanReprojectionError ?? null };
}

async function ours(
  truth: SynthResult,
  images: string,
  ws: string,
  threads: number,
): Promise<ColmapBenchRun> {
  const t = await timed(process.execPath, [
    '--import',
    'tsx',
    path.join(here, 'lib', 'colmap-child.ts'),
    images,
    ws,
    String(threads),
  ]);
  const s = JSON.parse(t.stdout) as ReconstructionSummary;
  const names = new Map<string, string>();
  // The pipeline stages images as img_00001… in natural order of the originals.
  truth.views.forEach((v, i) => names.set(`img_${String(i + 1).padStart(5, '0')}.png`, v.file));
  const ev = await evaluateModel(truth, path.join(ws, 'model'), (n) => names.get(n) ?? n);
  return pipelineRow(t, s, ev.centreErrorMax);
}

/** Our pipeline's row in a bench: its time, what it registered, how far the cameras are from the truth. */
export function pipelineRow(t: Timed, s: ReconstructionSummary, centreErrorMax: number) {
  return {
    name: 'scanbridge pipeline',
    wallS: t.wallS,
    cpuS: t.cpuS,
    peakRssMB: t.peakRssMB,
    registered: s.registeredImages,
    total: s.totalImages,
    meanReprojectionError: s.meanReprojectionError,
    centreErrorMaxPctOfRadius: r3(centreErrorMax * 100),
    stages: Object.fromEntries(s.stages.map((st) => [st.stage, r3(st.seconds)])),
  };
}

export async function automatic(
  truth: SynthResult,
  images: string,
  ws: string,
  name: string,
  extra: string[],
): Promise<ColmapBenchRun> {
  await mkdir(ws, { recursive: true });
  const t = await timed('colmap', [
    'automatic_reconstructor',
    '--workspace_path',
    ws,
    '--image_path',
    images,
    '--use_gpu',
    '0',
    ...extra,
  ]);
  const sparse = path.join(ws, 'sparse');
  const models = await readdir(sparse).catch(() => [] as string[]);
  let best = { registered: 0, reproj: null as number | null, model: '' };
  for (const m of models) {
    const a = await analyze(path.join(sparse, m));
    if (a.registered > best.registered) best = { ...a, model: path.join(sparse, m) };
  }
  let centre: number | null = null;
  if (best.model) {
    const txt = path.join(ws, 'txt');
    await mkdir(txt, { recursive: true });
    await run('colmap', [
      'model_converter',
      '--input_path',
      best.model,
      '--output_path',
      txt,
      '--output_type',
      'TXT',
    ]);
    centre = r3((await evaluateModel(truth, txt, (n) => n)).centreErrorMax * 100);
  }
  return {
    name,
    wallS: t.wallS,
    cpuS: t.cpuS,
    peakRssMB: t.peakRssMB,
    registered: best.registered,
    total: truth.views.length,
    meanReprojectionError: best.reproj,
    centreErrorMaxPctOfRadius: centre,
  };
}

export async function runColmapBench(
  opts: { quick?: boolean; threads?: number; width?: number; height?: number } = {},
): Promise<ColmapBenchResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scanbridge-bench-colmap-'));
  try {
    const images = path.join(root, 'images');
    const truth = await generateSyntheticSet({
      dir: images,
      views: 30,
      ...(opts.width && opts.height ? { width: opts.width, height: opts.height } : {}),
    });
    const loadavgStart = os.loadavg().map(r3);
    const threads = opts.threads ?? os.availableParallelism();
    const runs: ColmapBenchRun[] = [await ours(truth, images, path.join(root, 'ours'), threads)];
    runs.push(
      await automatic(
        truth,
        images,
        path.join(root, 'medium'),
        'automatic_reconstructor --quality medium --single_camera 1',
        ['--quality', 'medium', '--single_camera', '1'],
      ),
    );
    if (!opts.quick)
      runs.push(
        await automatic(truth, images, path.join(root, 'defaults'), 'automatic_reconstructor (defaults)', []),
      );
    const [o, med, def] = runs;
    return {
      bench: 'colmap',
      views: truth.views.length,
      size: `${truth.width}x${truth.height}`,
      cpus: os.availableParallelism(),
      loadavgStart,
      loadavgEnd: os.loadavg().map(r3),
      runs,
      ratioVsMedium: med ? r3(o!.wallS / med.wallS) : null,
      ratioVsDefaults: def ? r3(o!.wallS / def.wallS) : null,
      cpuRatioVsMedium: med ? r3(o!.cpuS / med.cpuS) : null,
      cpuRatioVsDefaults: def ? r3(o!.cpuS / def.cpuS) : null,
      targets: { vsMedium: 0.35, vsDefaults: 0.07 },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** BENCH_COLMAP_SIZE=1600x1200 renders the synthetic views larger (default 640×480). */
export function sizeFromEnv(): { width?: number; height?: number } {
  const m = /^(\d{2,5})x(\d{2,5})$/.exec(process.env.BENCH_COLMAP_SIZE ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : {};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runColmapBench({
    quick: process.env.BENCH_QUICK === '1',
    threads: process.env.BENCH_THREADS ? Number(process.env.BENCH_THREADS) : undefined,
    ...sizeFromEnv(),
  })
    .then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'))
    .catch((e: unknown) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
      process.exit(1);
    });
}
