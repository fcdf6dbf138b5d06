/**
 * NodeODM upload benchmark (issue 7, Performance): 1,000 photos of 1 MB uploaded to the NodeODM stub
 * on loopback by our client (multipart, several photos per request, a few requests in flight, stub
 * parsing and writing each photo to disk) against the raw streaming rate of the same bytes (one plain
 * POST streaming every file back to back into a sink that writes them to one file). Target ≥ 0.9×.
 * Also times the option validator on the node's own 80 options (target < 1 ms per validation).
 * Servers run in child processes; CPU figures are the client process's own.
 *
 *   npx tsx bench/nodeodm.ts     (BENCH_RUNS=N: best of N, default 3; BENCH_QUICK=1: 100 photos)
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createNodeOdmClient } from '../main/core/nodeodm/client.js';
import { uploadNames } from '../main/core/nodeodm/multipart.js';
import { validateOptions } from '../main/core/nodeodm/options.js';
import { uploadPhotos } from '../main/core/nodeodm/upload.js';
import { startNodeOdmStub } from '../server-stub/nodeodm/index.js';
import { ODM_OPTIONS } from '../server-stub/nodeodm/node-options.js';
import { ensureSet } from './lib/datasets.js';
import type { SetPhoto } from '../main/core/photos/set.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface NodeOdmBenchResult {
  photos: number;
  bytes: number;
  rawMs: number;
  rawMBps: number;
  clientMs: number;
  clientMBps: number;
  /** Raw wall time / client wall time, best run of each (runs alternate raw and client). */
  ratio: number;
  /** The same for CPU seconds: steadier than wall time on a loaded machine. */
  rawCpuS: number;
  clientCpuS: number;
  cpuRatio: number;
  peakRssMB: number;
  target: number;
  pass: boolean;
  requests: number;
  batchPhotos: number;
  concurrency: number;
  runs: number;
  validator: ValidatorBench;
}

export interface ValidatorBench {
  options: number;
  /** Median and 99th percentile of one validation of every option's default (80 values) against 80 options. */
  medianMs: number;
  p99Ms: number;
  iterations: number;
  targetMs: number;
  pass: boolean;
}

/** The validator as a job runs it: the node's /options (parsed each time) against 80 values. */
export function benchValidator(iterations = 2000): ValidatorBench {
  const available = ODM_OPTIONS.map((o) => ({ ...o }));
  const values = Object.fromEntries(available.map((o) => [o.name, o.value]));
  // Warm up first: the first calls pay for JIT compilation, which a long-running app pays once.
  for (let i = 0; i < 200; i++) validateOptions(available, values);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const out = validateOptions(available, values);
    times.push(performance.now() - t0);
    if (out.length !== available.length) throw new Error('validator dropped an option');
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round((times[Math.floor(q * (times.length - 1))] ?? 0) * 1000) / 1000;
  return {
    options: available.length,
    medianMs: at(0.5),
    p99Ms: at(0.99),
    iterations,
    targetMs: 1,
    pass: at(0.5) < 1,
  };
}

async function photosIn(dir: string): Promise<SetPhoto[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg')).sort();
  return Promise.all(
    names.map(async (n) => {
      const st = await stat(join(dir, n));
      return {
        source: { kind: 'file', path: join(dir, n) },
        displayPath: n,
        relPath: n,
        size: st.size,
        mtimeMs: st.mtimeMs,
      };
    }),
  );
}

/**
 * Each server runs in its own process, as a NodeODM would: the client's process measures only its
 * own side, and the two sides can use both cores (for the raw sink and for the stub alike).
 */
async function startServer(kind: 'raw' | 'stub'): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`bench server (${kind}) exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end(); // the child closes its server and exits when its stdin ends
      }),
  };
}

async function serve(kind: string): Promise<void> {
  let close: () => Promise<void>;
  let url: string;
  if (kind === 'stub') {
    const stub = await startNodeOdmStub({ token: 'bench-token' });
    url = stub.url;
    close = () => stub.close();
  } else {
    const scratch = await mkdtemp(join(os.tmpdir(), 'nodeodm-bench-raw-'));
    const server = http.createServer((req, res) => {
      void pipeline(req, createWriteStream(join(scratch, 'raw.bin'))).then(() => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await rm(scratch, { recursive: true, force: true });
    };
  }
  console.log(`serving ${url}`);
  process.stdin.resume();
  process.stdin.on('end', () => void close().then(() => process.exit(0)));
}

/** The raw limit: every file streamed back to back in one POST, written by the sink to one file. */
async function rawRun(photos: SetPhoto[]): Promise<number> {
  const server = await startServer('raw');
  try {
    const total = photos.reduce((n, p) => n + p.size, 0);
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        server.url,
        { method: 'POST', headers: { 'content-length': total } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      const files = (async function* () {
        for (const p of photos) {
          for await (const c of createReadStream((p.source as { path: string }).path, {
            highWaterMark: 1 << 20,
          }))
            yield c as Buffer;
        }
      })();
      Readable.from(files).pipe(req);
    });
    return performance.now() - t0;
  } finally {
    await server.stop();
  }
}

async function clientRun(
  photos: SetPhoto[],
  batchPhotos: number,
  concurrency: number,
): Promise<{ ms: number; requests: number; stored: number }> {
  const server = await startServer('stub');
  try {
    const client = createNodeOdmClient({ url: server.url, token: 'bench-token' });
    const names = uploadNames(photos);
    const uuid = await client.initTask('bench', []);
    const t0 = performance.now();
    const s = await uploadPhotos(
      client,
      uuid,
      photos.map((photo, i) => ({ name: names[i] as string, photo })),
      { batchPhotos, concurrency },
    );
    const ms = performance.now() - t0;
    // What the node holds, as it reports it: every photo once.
    await client.commitTask(uuid);
    const stored = (await client.taskInfo(uuid)).imagesCount;
    return { ms, requests: s.requests, stored };
  } finally {
    await server.stop();
  }
}

export async function runNodeOdmBench(
  opts: { quick?: boolean; runs?: number; batchPhotos?: number; concurrency?: number; dataDir?: string } = {},
): Promise<NodeOdmBenchResult> {
  const quick = opts.quick ?? process.env.BENCH_QUICK === '1';
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const batchPhotos = opts.batchPhotos ?? 8;
  const concurrency = opts.concurrency ?? 3;
  const spec = quick
    ? { name: 'jpeg-100x1mb', count: 100, size: 1_000_000 }
    : { name: 'jpeg-1000x1mb', count: 1000, size: 1_000_000 };
  const dir = await ensureSet(opts.dataDir ?? join(here, '.data'), spec);
  const photos = await photosIn(dir);
  const bytes = photos.reduce((n, p) => n + p.size, 0);
  let rawMs = Infinity;
  let clientMs = Infinity;
  let rawCpu = Infinity;
  let clientCpu = Infinity;
  let requests = 0;
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  // Warm the page cache first so neither side pays for the first read from disk.
  for (const p of photos)
    for await (const _c of createReadStream((p.source as { path: string }).path)) void _c;
  for (let i = 0; i < runs; i++) {
    let c0 = cpu();
    rawMs = Math.min(rawMs, await rawRun(photos));
    rawCpu = Math.min(rawCpu, cpu() - c0);
    c0 = cpu();
    const c = await clientRun(photos, batchPhotos, concurrency);
    clientCpu = Math.min(clientCpu, cpu() - c0);
    if (c.stored !== photos.length) throw new Error(`stub stored ${c.stored} of ${photos.length} photos`);
    clientMs = Math.min(clientMs, c.ms);
    requests = c.requests;
  }
  const validator = benchValidator();
  const mbps = (ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
  const ratio = Math.round((rawMs / clientMs) * 100) / 100;
  return {
    photos: photos.length,
    bytes,
    rawMs: Math.round(rawMs),
    rawMBps: mbps(rawMs),
    clientMs: Math.round(clientMs),
    clientMBps: mbps(clientMs),
    ratio,
    rawCpuS: Math.round(rawCpu * 100) / 100,
    clientCpuS: Math.round(clientCpu * 100) / 100,
    cpuRatio: Math.round((rawCpu / clientCpu) * 100) / 100,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    target: 0.9,
    pass: ratio >= 0.9 && validator.pass,
    requests,
    batchPhotos,
    concurrency,
    runs,
    validator,
  };
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  process.argv[2] === '--serve'
) {
  void serve(process.argv[3] ?? 'raw');
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runNodeOdmBench()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
