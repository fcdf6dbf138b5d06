/**
 * Upload benchmark (issue 4, Performance). For each generated set: the raw limit (plain Node streaming
 * a ready zip to the sink in 200 MB parts) and our client (plan + stream parts from the photo files),
 * each in its own process, to the same loopback sink (which hashes every byte, like the cloud).
 *
 *   npx tsx bench/upload.ts            full profile (≈ 300 MB, 1 GB, 2 GB, 1000 × 1 MB)
 *   BENCH_QUICK=1 npx tsx bench/upload.ts   small sets only
 *   BENCH_RUNS=5 ...                    repetitions per set (default 3; medians are reported)
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
import { capProbe } from './lib/cap-probe.js';
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
  const runs = opts.runs ?? 3;
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

    // Alternate the order (raw first, then ours first) so drift in the machine's load hits both.
    const raws: { wallMs: number; r: RawResult }[] = [];
    const ourRuns: { wallMs: number; firstByteMs: number; r: ClientResult }[] = [];
    for (let run = 0; run < runs; run++) {
      const doRaw = async (): Promise<void> => {
        const rawSink = await startSink();
        const raw = await runChild<RawResult>(rawArgs, {
          zip: zip.path,
          sinkBase: rawSink.url('').replace(/\/$/, ''),
        });
        await rawSink.close();
        raws.push({ wallMs: raw.wallMs, r: raw.result });
      };
      const doOurs = async (): Promise<void> => {
        const sink = await startSink();
        const ours = await runChild<ClientResult>(clientArgs, {
          dir,
          sinkBase: sink.url('').replace(/\/$/, ''),
          concurrency,
        });
        const firstByteMs = (sink.firstByteAt() ?? NaN) - ours.spawnedAt;
        const got = sink.bytesReceived();
        await sink.close();
        if (got !== zip.size) throw new Error(`sink got ${got} bytes, expected ${zip.size}`);
        ourRuns.push({ wallMs: ours.wallMs, firstByteMs, r: ours.result });
      };
      if (run % 2 === 0) {
        await doRaw();
        await doOurs();
      } else {
        await doOurs();
        await doRaw();
      }
      log(
        `[bench] ${spec.name} run ${run + 1}: raw ${raws.at(-1)?.wallMs} ms, ours ${ourRuns.at(-1)?.wallMs} ms, first byte ${ourRuns.at(-1)?.firstByteMs} ms`,
      );
    }
    const gb = zip.size / 1e9;
    const med = (xs: number[]): number => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
    };
    const rawWall = med(raws.map((x) => x.wallMs));
    const ourWall = med(ourRuns.map((x) => x.wallMs));
    const rawCpu = med(raws.map((x) => x.r.cpuSeconds));
    const ourCpu = med(ourRuns.map((x) => x.r.cpuSeconds));
    const first = ourRuns[0] as (typeof ourRuns)[number];
    results.push({
      set: spec.name,
      files: spec.count,
      bytes: zip.size,
      raw: {
        wallS: r2(rawWall / 1000),
        streamS: r2(med(raws.map((x) => x.r.uploadMs)) / 1000),
        cpuS: r2(rawCpu),
        peakRssMB: Math.max(...raws.map((x) => x.r.peakRssMB)),
        wallRunsS: raws.map((x) => r2(x.wallMs / 1000)),
      },
      ours: {
        wallS: r2(ourWall / 1000),
        streamS: r2(med(ourRuns.map((x) => x.r.uploadMs)) / 1000),
        ratioToRaw: r2(ourWall / rawWall),
        bestRatioToRaw: r2(
          Math.min(...ourRuns.map((x) => x.wallMs)) / Math.min(...raws.map((x) => x.wallMs)),
        ),
        cpuS: r2(ourCpu),
        cpuSPerGB: r2(ourCpu / gb),
        cpuRatioToRaw: r2(ourCpu / rawCpu),
        peakRssMB: Math.max(...ourRuns.map((x) => x.r.peakRssMB)),
        clientWriteBytes: Math.max(...ourRuns.map((x) => x.r.writeBytes ?? 0)),
        firstByteS: r2(med(ourRuns.map((x) => x.firstByteMs)) / 1000),
        firstByteAfterNodeStartS: r2(med(ourRuns.map((x) => x.firstByteMs - x.r.startupMs)) / 1000),
        nodeStartupS: r2(med(ourRuns.map((x) => x.r.startupMs)) / 1000),
        planS: r2(first.r.planMs / 1000),
        parts: first.r.parts,
        partSize: first.r.partSize,
        concurrency,
        wallRunsS: ourRuns.map((x) => r2(x.wallMs / 1000)),
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
    // The bandwidth cap, measured at the sink: no 1 s window may carry more than cap + one burst.
    bandwidthCap: await capProbe(),
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
