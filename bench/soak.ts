/**
 * Soak (issue 8, item 8): 20 jobs queued through the real runtime against the cloud stub, a
 * 10,000-photo set scanned meanwhile, and a simulated day of status polling on an injected clock.
 * Prints JSON with heap/RSS samples; the caller (bench or bench/soak.test.ts) judges flatness and
 * checks on the stub that no project was created or started twice.
 *
 *   npx tsx bench/soak.ts            (default: the day lasts 200 polls per job)
 *
 * Why the clock is frozen until every job is processing: links live 4 h on the stub's clock; the
 * day is about polling, so it starts once the uploads are in (a fast clock during uploads would
 * only test link expiry, which has its own tests).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { startCloudStub } from '../server-stub/cloud/index.js';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { scanSources } from '../main/core/photos/scan.js';
import { openRuntime } from '../main/core/runtime.js';
import type { Job } from '../main/core/jobs/types.js';

export interface SoakOptions {
  jobs?: number;
  scanPhotos?: number;
  /** Simulated length of the polling phase. */
  simulatedMs?: number;
  /**
   * Status polls (all jobs together) the simulated phase lasts: the day advances per poll, not per
   * real second, so how many polls a day takes does not depend on how fast or loaded the machine is.
   */
  polls?: number;
  log?: (line: string) => void;
}

export interface MemSample {
  atRealMs: number;
  simulatedHours: number;
  heapUsedMB: number;
  rssMB: number;
}

export interface SoakResult {
  jobs: number;
  jobStates: Record<string, number>;
  projects: number;
  maxCreateCount: number;
  maxStartCount: number;
  createRequests: number;
  startRequests: number;
  pollRequests: number;
  simulatedHours: number;
  realSeconds: number;
  scan: { photos: number; ms: number };
  memory: { samples: MemSample[]; heapGrowthMB: number; rssGrowthMB: number };
}

const MB = 1024 * 1024;
const HOUR = 3_600_000;

/** A full collection before each sample, so the numbers show what is retained, not garbage. */
function gcFn(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

export async function runSoakBench(opts: SoakOptions = {}): Promise<SoakResult> {
  const nJobs = opts.jobs ?? 20;
  const nScan = opts.scanPhotos ?? 10_000;
  const simulatedMs = opts.simulatedMs ?? 24 * HOUR;
  const nPolls = opts.polls ?? nJobs * 200;
  const log = opts.log ?? (() => {});
  const gc = gcFn();
  const base = await mkdtemp(path.join(os.tmpdir(), 'sb-soak-'));
  let fake = Date.parse('2026-01-01T00:00:00Z');
  const stub = await startCloudStub({
    tokens: [{ token: 'soak-token-5d1e' }],
    now: () => fake,
    // Processing takes the whole simulated day: every job polls through it.
    schedule: { startedAfterMs: HOUR, doneAfterMs: simulatedMs - HOUR },
  });
  const rt = await openRuntime({
    dataDir: path.join(base, 'data'),
    tokenOverride: 'soak-token-5d1e',
    endpointOverride: stub.url,
    uploadOverrides: { concurrency: 2 },
    poll: { firstMs: 10, maxMs: 40 },
    stepRetry: { retries: 3, baseMs: 20, maxMs: 100 },
  });
  // The stub logs every request; tally and drop them so the harness's own log is not measured.
  const tally = { createProject: 0, startProject: 0, getProjectInfo: 0 };
  const drainLog = () => {
    for (const r of stub.state.requests)
      if (r.endpoint in tally) tally[r.endpoint as keyof typeof tally] += 1;
    stub.state.requests.length = 0;
  };
  const samples: MemSample[] = [];
  const t0 = Date.now();
  let dayStart = fake;
  const sample = () => {
    drainLog();
    gc();
    const m = process.memoryUsage();
    samples.push({
      atRealMs: Date.now() - t0,
      simulatedHours: Math.round(((fake - dayStart) / HOUR) * 10) / 10,
      heapUsedMB: Math.round((m.heapUsed / MB) * 10) / 10,
      rssMB: Math.round((m.rss / MB) * 10) / 10,
    });
  };
  let clock: NodeJS.Timeout | undefined;
  try {
    // The 10,000-photo set first: its photo list is released before the day, so the samples show
    // what the polling retains, not the scan's result.
    const scanDir = path.join(base, 'big');
    await makePhotoSet(scanDir, { count: nScan, bytesEach: 600, seed: 'soak' });
    const s0 = Date.now();
    let scanned: { photos: unknown[] } | undefined = await scanSources([scanDir]);
    const scan = { photos: scanned.photos.length, ms: Date.now() - s0 };
    scanned = undefined;
    log(`soak: scanned ${scan.photos} photos in ${scan.ms} ms`);
    const ids: string[] = [];
    for (let i = 0; i < nJobs; i++) {
      const dir = path.join(base, `set-${i}`);
      await makePhotoSet(dir, { count: 3, bytesEach: 4000, seed: i + 1 });
      const job = await rt.jobs.create({ paths: [dir], downloadDir: path.join(base, 'out', String(i)) });
      ids.push(job.id);
    }
    log(`soak: ${nJobs} jobs queued`);
    const states = () => ids.map((id) => rt.jobs.get(id)?.state);
    // Wait (real time, frozen clock) until every job is being polled.
    while (!states().every((s) => s === 'processing' || s === 'done' || s === 'failed')) {
      await new Promise((r) => setTimeout(r, 20));
      if (Date.now() - t0 > 120_000)
        throw new Error(`soak: jobs stuck before processing: ${states().join(',')}`);
    }
    log('soak: all jobs processing; the day starts');
    sample();
    dayStart = fake;
    // The injected clock moves by the polls made so far: a day is nPolls polls (plus an hour's slack),
    // and a memory sample is taken every 1/40 of them.
    const step = (simulatedMs + HOUR) / nPolls;
    const polledBefore = tally.getProjectInfo;
    let sampledAt = 0;
    clock = setInterval(() => {
      drainLog();
      const polled = tally.getProjectInfo - polledBefore;
      fake = dayStart + Math.min(simulatedMs + HOUR, polled * step);
      if (polled - sampledAt >= nPolls / 40) {
        sampledAt = polled;
        sample();
      }
    }, 5);
    await rt.jobs.whenIdle();
    clearInterval(clock);
    clock = undefined;
    sample();
    const jobs = ids.map((id) => rt.jobs.get(id)).filter((j): j is Job => !!j);
    const jobStates: Record<string, number> = {};
    for (const j of jobs) jobStates[j.state] = (jobStates[j.state] ?? 0) + 1;
    const projects = [...stub.state.projects.values()];
    // Growth: the median of the last quarter against the median of the first quarter (after the
    // scan's photo list is released), which ignores one-off spikes from a sample taken mid-request.
    const day = samples.slice(1); // the first sample is before the first poll of the day
    const q = Math.max(1, Math.floor(day.length / 4));
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const early = day.slice(0, q);
    const late = day.slice(-q);
    return {
      jobs: jobs.length,
      jobStates,
      projects: projects.length,
      maxCreateCount: Math.max(0, ...projects.map((p) => p.createCount)),
      maxStartCount: Math.max(0, ...projects.map((p) => p.startCount)),
      createRequests: tally.createProject,
      startRequests: tally.startProject,
      pollRequests: tally.getProjectInfo,
      simulatedHours: Math.round(((fake - dayStart) / HOUR) * 10) / 10,
      realSeconds: Math.round((Date.now() - t0) / 100) / 10,
      scan,
      memory: {
        samples,
        heapGrowthMB:
          Math.round((med(late.map((x) => x.heapUsedMB)) - med(early.map((x) => x.heapUsedMB))) * 10) / 10,
        rssGrowthMB: Math.round((med(late.map((x) => x.rssMB)) - med(early.map((x) => x.rssMB))) * 10) / 10,
      },
    };
  } finally {
    if (clock) clearInterval(clock);
    await rt.close();
    await stub.close();
    await rm(base, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const res = await runSoakBench({ log: (l) => process.stderr.write(l + '\n') });
  process.stdout.write(JSON.stringify(res, null, 2) + '\n');
}
