/**
 * Watch-folder benchmark: a folder with 10,000 existing files (100 scans × 100 photos) — how long
 * until the watcher is watching, how much memory it holds, and whether that stays flat while sets
 * keep arriving. Target: start < 2 s, memory flat.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobManager } from '../main/core/jobs/types.js';
import { startWatcher } from '../main/core/watch/watcher.js';

const mb = (n: number) => Math.round((n / 1e6) * 10) / 10;

/** A job manager that only counts: the benchmark measures the watcher, not uploads. */
function countingJobs(): JobManager & { created: number } {
  const m = {
    created: 0,
    list: () => [],
    get: () => undefined,
    create: async (req: { paths: string[] }) => {
      m.created++;
      const at = new Date().toISOString();
      return {
        id: `j${m.created}`,
        backend: 'cloud' as const,
        profile: 'cloud',
        projectName: path.basename(req.paths[0]!),
        source: { paths: req.paths, photoCount: 0, totalBytes: 0 },
        state: 'queued' as const,
        progress: { fraction: 0, bytesDone: 0, bytesTotal: 0, rate: 0, partsDone: 0, partsTotal: 0 },
        createdAt: at,
        updatedAt: at,
      };
    },
    pause: async () => undefined,
    resume: async () => undefined,
    cancel: async () => undefined,
    retry: async () => undefined,
    remove: async () => undefined,
    resumeAll: async () => undefined,
    noteDownloadLink: async () => {
      throw new Error('the watch bench never records links');
    },
    load: async () => undefined,
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
  return m;
}

export async function runWatchBench(opts: { scans?: number; photosPerScan?: number } = {}) {
  const scans = opts.scans ?? 100;
  const per = opts.photosPerScan ?? 100;
  const base = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-watch-'));
  const root = path.join(base, 'rig');
  try {
    for (let s = 0; s < scans; s++) {
      const dir = path.join(root, `scan_${String(s).padStart(4, '0')}`);
      await mkdir(dir, { recursive: true });
      await Promise.all(
        Array.from({ length: per }, (_, i) => writeFile(path.join(dir, `IMG_${i}.jpg`), 'x')),
      );
    }
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const jobs = countingJobs();
    const t0 = performance.now();
    const w = await startWatcher(
      { folder: root, backend: 'cloud', after: 'keep', quietMs: 300 },
      { jobs, dataDir: path.join(base, 'data'), intervalMs: 100 },
    );
    const startMs = performance.now() - t0;
    const rssAfterStart = process.memoryUsage().rss;
    // New sets keep arriving: memory must not grow with them.
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let s = 0; s < 10; s++) {
        const dir = path.join(root, `new_${round}_${s}`);
        await mkdir(dir);
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => writeFile(path.join(dir, `IMG_${i}.jpg`), 'y')),
        );
      }
      await new Promise((r) => setTimeout(r, 800));
      await w.tick();
      samples.push(process.memoryUsage().rss);
    }
    await w.close();
    return {
      existingFiles: scans * per,
      startMs: Math.round(startMs),
      targetStartMs: 2000,
      rssBeforeMB: mb(rssBefore),
      rssAfterStartMB: mb(rssAfterStart),
      rssWhileSetsArriveMB: samples.map(mb),
      rssGrowthWhileArrivingMB: mb(samples[samples.length - 1]! - samples[0]!),
      setsSent: jobs.created,
      setsExpected: 50,
    };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWatchBench().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
