/**
 * The far, flaky uplink (issue 11): the BUILT `scanbridge upload` as a child process, through a proxy
 * that emulates 80 ms round trips, 5 MB/s per connection, 20 MB/s for the whole link and connections
 * cut at random, to the cloud facade and its hashing sink. Reports the time against the link's limit
 * (bytes / link rate), whether the zip the sink assembled is byte-for-byte ours and a valid zip, and
 * how many cuts there were and how many part attempts they cost.
 *
 *   npm run bench -- flaky
 *   BENCH_FLAKY_SET=jpeg-1gb BENCH_RUNS=1 BENCH_CUT_MB=50 BENCH_CONCURRENCY=8 \
 *     BENCH_FLAKY_ARGS="--part-size 8000000" npm run bench -- flaky
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yauzl from 'yauzl';
import { startSink } from '../main/core/upload/testing/sink.js';
import { seededRandom } from '../server-stub/random.js';
import { runCliUpload } from './lib/cli-child.js';
import { startCloudFacade } from './lib/cloud-facade.js';
import { ensureSet, FULL_SETS } from './lib/datasets.js';
import { createLink, measureLinkRate, startFarProxy } from './lib/far-link.js';
import { readyZip, warm } from './upload.js';

const here = dirname(fileURLToPath(import.meta.url));
const MB = 1_000_000;

export interface FlakyBenchOptions {
  runs?: number;
  setName?: string;
  rttMs?: number;
  connMBps?: number;
  linkMBps?: number;
  cutEveryMB?: number;
  concurrency?: number;
  extraArgs?: string[];
  log?: (line: string) => void;
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(c as Buffer);
  return h.digest('hex');
}

function zipEntryCount(buf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      let n = 0;
      zip.on('entry', () => {
        n++;
        zip.readEntry();
      });
      zip.on('end', () => resolve(n));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const r2 = (n: number): number => Math.round(n * 100) / 100;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export async function runFlakyBench(opts: FlakyBenchOptions = {}): Promise<object> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const env = process.env;
  const runs = opts.runs ?? Number(env.BENCH_RUNS ?? 3);
  const setName = opts.setName ?? env.BENCH_FLAKY_SET ?? 'jpeg-300mb';
  const rttMs = opts.rttMs ?? 80;
  const connMBps = opts.connMBps ?? 5;
  const linkMBps = opts.linkMBps ?? 20;
  const cutEveryMB = opts.cutEveryMB ?? Number(env.BENCH_CUT_MB ?? 75);
  const concurrency = opts.concurrency ?? Number(env.BENCH_CONCURRENCY ?? 4);
  const extra = opts.extraArgs ?? (env.BENCH_FLAKY_ARGS ?? '').split(' ').filter(Boolean);
  const spec = FULL_SETS.find((s) => s.name === setName);
  if (!spec) throw new Error(`unknown set ${setName}`);

  const dataDir = join(here, '.data');
  const dir = await ensureSet(dataDir, spec);
  const zip = await readyZip(dir);
  const zipSha = await sha256File(zip.path);
  await warm(dir);
  const { buildCli } = (await import(pathToFileURL(join(here, '../main/cli/build.mjs')).href)) as {
    buildCli(o: { quiet: boolean }): Promise<string>;
  };
  const cli = await buildCli({ quiet: true });
  const limitS = zip.size / (linkMBps * MB);
  // The emulator itself, in this run: 4 raw streams, 60 MB, no cuts (the limit above stays the link's
  // nominal rate; this only says how much a loaded machine takes off it).
  const emulatorMBps = await measureLinkRate(
    { rttMs, connBytesPerSec: connMBps * MB, linkBytesPerSec: linkMBps * MB },
    60 * MB,
  );

  const results: Record<string, unknown>[] = [];
  for (let run = 0; run < runs; run++) {
    const link = createLink({
      rttMs,
      connBytesPerSec: connMBps * MB,
      linkBytesPerSec: linkMBps * MB,
      cutEveryBytes: cutEveryMB * MB,
      random: seededRandom(1000 + run),
    });
    const sink = await startSink({ keep: true });
    const sinkProxy = await startFarProxy(sink.url('').replace(/\/$/, ''), link);
    const facade = await startCloudFacade(sinkProxy.url);
    const apiProxy = await startFarProxy(facade.url, link);
    try {
      const r = await runCliUpload(cli, { dir, endpoint: apiProxy.url, concurrency, extra }).catch(
        (e: unknown) => e as Error,
      );
      if (r instanceof Error) {
        // A cut the upload did not survive: recorded, and the run counts as failed.
        results.push({ error: r.message.slice(0, 500), cuts: link.cuts, state: 'failed' });
        log(`[bench] flaky ${setName} run ${run + 1}: failed after ${link.cuts} cuts: ${r.message}`);
        continue;
      }
      // The upload as the server holds it: the last complete body of each link, in part order.
      const links = [...sink.received.keys()].sort(
        (a, b) => Number(/-p(\d+)$/.exec(a)?.[1]) - Number(/-p(\d+)$/.exec(b)?.[1]),
      );
      const assembled = Buffer.concat(links.map((l) => sink.received.get(l) as Buffer));
      const sha = createHash('sha256').update(assembled).digest('hex');
      const entries = await zipEntryCount(assembled).catch(() => -1);
      const attempts = [...sink.attempts.values()].reduce((a, b) => a + b, 0);
      const since = (t: number | null): number | null => (t === null ? null : r2((t - r.spawnedAt) / 1000));
      const row = {
        wallS: r2(r.wallMs / 1000),
        ratioToLimit: r2(r.wallMs / 1000 / limitS),
        // Where the time went: start-up and API calls before the first byte reached the server, the
        // upload, then confirming, startProject and exit after the last.
        firstByteS: since(sink.firstByteAt()),
        lastByteS: since(sink.lastByteAt()),
        state: r.json.state,
        parts: r.json.parts,
        cuts: link.cuts,
        connections: link.connections,
        partAttempts: attempts,
        retries: attempts - links.length,
        // Everything the command sent up the link (API calls, headers, bytes lost to cuts) vs the zip.
        bytesUpMB: r2(link.bytesUp / MB),
        sentOverZip: Math.round((link.bytesUp / zip.size) * 1000) / 1000,
        zipIdentical: sha === zipSha && assembled.length === zip.size,
        zipEntries: entries,
        peakRssMB: r.peakRssMB,
        cpuS: r2(r.cpuSeconds),
      };
      results.push(row);
      log(`[bench] flaky ${setName} run ${run + 1}: ${JSON.stringify(row)}`);
    } finally {
      await apiProxy.close();
      await facade.close();
      await sinkProxy.close();
      await sink.close();
    }
  }
  const walls = results.filter((x) => typeof x.wallS === 'number').map((x) => x.wallS as number);
  return {
    bench: 'flaky',
    set: setName,
    files: spec.count,
    bytes: zip.size,
    link: { rttMs, connMBps, linkMBps, cutEveryMB },
    concurrency,
    extraArgs: extra,
    // The least time the link needs for the zip alone: its bytes over the link's rate.
    linkLimitS: r2(limitS),
    wallS: r2(median(walls)),
    wallsS: walls,
    ratioToLimit: r2(median(walls) / limitS),
    target: 1.25,
    // Diagnostic, not the limit: raw streams through the same emulated link on this machine now.
    emulatorMBps: r2(emulatorMBps),
    // Every run ended uploaded (processing), the assembled zip identical to ours and valid.
    everyCutSurvived: results.every(
      (x) => x.state === 'processing' && x.zipIdentical === true && x.zipEntries === spec.count,
    ),
    cuts: results.map((x) => x.cuts),
    sentOverZip: results.map((x) => x.sentOverZip ?? null),
    loadavg: (await import('node:os')).loadavg().map(r2),
    runs: results,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFlakyBench()
    .then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'))
    .catch((e: unknown) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
      process.exit(1);
    });
}
