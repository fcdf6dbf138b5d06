/**
 * Upload benchmark (issue 4, Performance). For each generated set: the raw limit (plain Node streaming
 * a ready zip to the sink in 200 MB parts) and our client (plan + stream parts from the photo files),
 * each in its own process, to the same loopback sink (which hashes every byte, like the cloud).
 *
 *   npx tsx bench/upload.ts            full profile (≈ 300 MB, 1 GB, 2 GB, 1000 × 1 MB)
 *   BENCH_QUICK=1 npx tsx bench/upload.ts   small sets only
 *   BENCH_RUNS=3 ...                    repetitions per set (best wall time is reported)
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assignArchiveNames } from '../main/core/pack/archive-names.js';
import { CrcStore } from '../main/core/pack/crc-store.js';
import { partChunks } from '../main/core/pack/part-stream.js';
import { planZip } from '../main/core/pack/plan.js';
import type { PackEntry } from '../main/core/pack/types.js';
import { startSink } from '../main/core/upload/testing/sink.js';
import { bundleChild, runChild } from './lib/children.js';
import { ensureSet, FULL_SETS, QUICK_SETS, type SetSpec } from './lib/datasets.js';
import type { ProcStats } from './lib/proc-stats.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface UploadBenchOptions {
  quick?: boolean;
  runs?: number;
  concurrency?: number;
  dataDir?: string;
  sets?: SetSpec[];
  log?: (line: string) => void;
}

interface ClientResult extends ProcStats {
  totalSize: number;
  parts: number;
  partSize: number;
  planMs: number;
  startupMs: number;
  uploadMs: number;
}
interface RawResult extends ProcStats {
  startupMs: number;
  uploadMs: number;
}

async function entriesOf(dir: string): Promise<PackEntry[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg')).sort();
  const archive = assignArchiveNames(names.map((relPath) => ({ relPath })));
  return Promise.all(
    names.map(async (n, i) => {
      const st = await stat(join(dir, n));
      return {
        source: { kind: 'file', path: join(dir, n) },
        archiveName: archive[i] as string,
        size: st.size,
        mtimeMs: st.mtimeMs,
      } as PackEntry;
    }),
  );
}

/** The ready zip for the raw run: our own bytes, so both runs send exactly the same thing. */
async function readyZip(dir: string): Promise<{ path: string; size: number }> {
  const plan = planZip(await entriesOf(dir), {});
  const path = `${dir}.zip`;
  if (existsSync(path) && statSync(path).size === plan.totalSize) return { path, size: plan.totalSize };
  const crcs = new CrcStore();
  const out = createWriteStream(path);
  await pipeline(async function* () {
    for (const p of plan.parts) yield* partChunks(plan, p.index, { crcs });
  }, out);
  return { path, size: plan.totalSize };
}

async function warm(path: string): Promise<void> {
  const files = statSync(path).isDirectory() ? (await readdir(path)).map((n) => join(path, n)) : [path];
  for (const f of files)
    for await (const chunk of createReadStream(f, { highWaterMark: 4 << 20 })) void chunk;
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

export async function runUploadBench(opts: UploadBenchOptions = {}): Promise<object> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const dataDir = opts.dataDir ?? join(here, '.data');
  const runs = opts.runs ?? 2;
  const concurrency = opts.concurrency ?? 4;
  const sets = opts.sets ?? (opts.quick ? QUICK_SETS : FULL_SETS);
  await mkdir(dataDir, { recursive: true });
  const clientArgs = await bundleChild(join(here, 'lib/upload-child.ts'), dataDir);
  const rawArgs = await bundleChild(join(here, 'lib/raw-child.ts'), dataDir);

  const results: Record<string, unknown>[] = [];
  for (const spec of sets) {
    log(`[bench] preparing ${spec.name} (${spec.count} × ${spec.size} bytes)`);
    const dir = await ensureSet(dataDir, spec);
    const zip = await readyZip(dir);
    await warm(dir);
    await warm(zip.path);

    let best: {
      raw: { wallMs: number; r: RawResult };
      ours: { wallMs: number; firstByteMs: number; r: ClientResult };
    } | null = null;
    for (let run = 0; run < runs; run++) {
      const rawSink = await startSink();
      const raw = await runChild<RawResult>(rawArgs, {
        zip: zip.path,
        sinkBase: rawSink.url('').replace(/\/$/, ''),
      });
      await rawSink.close();

      const sink = await startSink();
      const ours = await runChild<ClientResult>(clientArgs, {
        dir,
        sinkBase: sink.url('').replace(/\/$/, ''),
        concurrency,
      });
      const firstByteMs = (sink.firstByteAt() ?? NaN) - ours.spawnedAt;
      if (sink.bytesReceived() !== zip.size)
        throw new Error(`sink got ${sink.bytesReceived()} bytes, expected ${zip.size}`);
      await sink.close();
      log(
        `[bench] ${spec.name} run ${run + 1}: raw ${raw.wallMs} ms, ours ${ours.wallMs} ms, first byte ${firstByteMs} ms`,
      );
      const cand = {
        raw: { wallMs: raw.wallMs, r: raw.result },
        ours: { wallMs: ours.wallMs, firstByteMs, r: ours.result },
      };
      if (!best || cand.ours.wallMs / cand.raw.wallMs < best.ours.wallMs / best.raw.wallMs) best = cand;
    }
    if (!best) continue;
    const gb = zip.size / 1e9;
    const { raw, ours } = best;
    results.push({
      set: spec.name,
      files: spec.count,
      bytes: zip.size,
      raw: {
        wallS: r2(raw.wallMs / 1000),
        streamS: r2(raw.r.uploadMs / 1000),
        cpuS: r2(raw.r.cpuSeconds),
        peakRssMB: raw.r.peakRssMB,
      },
      ours: {
        wallS: r2(ours.wallMs / 1000),
        streamS: r2(ours.r.uploadMs / 1000),
        ratioToRaw: r2(ours.wallMs / raw.wallMs),
        streamRatioToRaw: r2(ours.r.uploadMs / raw.r.uploadMs),
        cpuS: r2(ours.r.cpuSeconds),
        cpuSPerGB: r2(ours.r.cpuSeconds / gb),
        peakRssMB: ours.r.peakRssMB,
        clientWriteBytes: ours.r.writeBytes,
        firstByteS: r2(ours.firstByteMs / 1000),
        nodeStartupS: r2(ours.r.startupMs / 1000),
        planS: r2(ours.r.planMs / 1000),
        parts: ours.r.parts,
        partSize: ours.r.partSize,
        concurrency,
      },
    });
  }
  const rss = (name: string): number | undefined =>
    (results.find((r) => r.set === name)?.ours as { peakRssMB?: number } | undefined)?.peakRssMB;
  const small = rss('jpeg-300mb');
  const big = rss('jpeg-2gb');
  return {
    bench: 'upload',
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    loadavg: (await import('node:os')).loadavg().map(r2),
    runsPerSet: runs,
    sets: results,
    rssGrowth2GBvs300MBMB: small !== undefined && big !== undefined ? r2(big - small) : null,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runUploadBench({
    quick: process.env.BENCH_QUICK === '1',
    runs: process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined,
  })
    .then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'))
    .catch((e: unknown) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
      process.exit(1);
    });
}
