import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { logFields } from '../log-line.js';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessingBackend } from '../jobs/backend.js';
import { createJournal } from '../jobs/journal.js';
import { createJobManager } from '../jobs/manager.js';
import { setKeyFor } from './set-layout.js';
import { startWatcher, type WatchRule } from './watcher.js';
import type { PhotoSet } from '../photos/set.js';

/** A backend that completes at once: the watcher's guarantees are about jobs, not about uploads. */
function instantBackend(sent: string[][]): ProcessingBackend<{ n: number }> {
  return {
    kind: 'cloud',
    check: async () => [],
    create: async (set) => {
      sent.push(set.photos.map((p) => p.relPath));
      return { n: 1 };
    },
    upload: async (h) => h,
    start: async (h) => h,
    poll: async () => ({ phase: 'done', raw: 'processing done', resultReady: true }),
    download: async () => [],
    cancel: async () => undefined,
  };
}

const listSet = async (paths: string[]): Promise<PhotoSet> => {
  const photos = [];
  for (const p of paths)
    for (const f of (await readdir(p)).sort().filter((n) => n.endsWith('.jpg')))
      photos.push({
        source: { kind: 'file' as const, path: path.join(p, f) },
        displayPath: f,
        relPath: f,
        size: 1,
        mtimeMs: 0,
      });
  return { photoCount: photos.length, totalBytes: photos.length, photos };
};

let base: string;
let root: string;
let dataDir: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'sb-watch-'));
  root = path.join(base, 'rig');
  dataDir = path.join(base, 'data');
  await mkdir(root);
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function setup(sent: string[][]) {
  const jobs = createJobManager({
    journal: createJournal(dataDir),
    backend: () => instantBackend(sent),
    scan: (paths) => listSet(paths),
    makeName: () => 'x',
    defaultDownloadDir: path.join(base, 'dl'),
    poll: { firstMs: 1, maxMs: 1 },
    progressIntervalMs: 5,
  });
  return jobs;
}

const rule = (over: Partial<WatchRule> = {}): WatchRule =>
  ({ folder: root, backend: 'cloud', after: 'keep', quietMs: 200, intervalMs: 50, ...over }) as WatchRule;

async function waitFor(cond: () => boolean | Promise<boolean>, ms = 8000) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('watch folders', () => {
  it('maps paths to sets: subfolders and zips, never hidden or partial files', () => {
    expect(setKeyFor(root, path.join(root, 'scan_1', 'a.jpg'))).toBe('scan_1');
    expect(setKeyFor(root, path.join(root, 'drop.zip'))).toBe('drop.zip');
    expect(setKeyFor(root, path.join(root, '.hidden', 'a.jpg'))).toBeUndefined();
    expect(setKeyFor(root, path.join(root, 'x.zip.part'))).toBeUndefined();
    expect(setKeyFor(root, path.join(base, 'elsewhere'))).toBeUndefined();
  });

  it('sends a set once after the quiet period, keeps existing sets as the baseline, and survives a restart', async () => {
    await mkdir(path.join(root, 'old_scan'));
    await writeFile(path.join(root, 'old_scan', 'a.jpg'), 'x');
    const sent: string[][] = [];
    const jobs = setup(sent);
    const w = await startWatcher(rule(), { jobs, dataDir, intervalMs: 50 });
    expect(w.sets().old_scan?.state).toBe('baseline');

    await mkdir(path.join(root, 'scan_1'));
    await writeFile(path.join(root, 'scan_1', 'IMG_1.jpg'), 'a');
    await writeFile(path.join(root, 'scan_1', 'IMG_2.jpg'), 'b');
    await waitFor(() => sent.length === 1);
    expect(sent[0]).toEqual(['IMG_1.jpg', 'IMG_2.jpg']);
    await jobs.whenIdle();
    await waitFor(() => w.sets().scan_1?.state === 'done');
    await w.close();
    await jobs.close();

    // A new process: nothing already sent is sent again.
    const jobs2 = setup(sent);
    await jobs2.resumeAll();
    const w2 = await startWatcher(rule(), { jobs: jobs2, dataDir, intervalMs: 50 });
    await w2.tick();
    await new Promise((r) => setTimeout(r, 400));
    await w2.tick();
    expect(sent).toHaveLength(1);
    await w2.close();
    await jobs2.close();
  });

  it('waits for a set that is still being written, and takes a marker file as done at once', async () => {
    const sent: string[][] = [];
    const jobs = setup(sent);
    const w = await startWatcher(rule({ quietMs: 600 }), { jobs, dataDir, intervalMs: 50 });
    await mkdir(path.join(root, 'slow'));
    for (let i = 0; i < 4; i++) {
      await writeFile(path.join(root, 'slow', `IMG_${i}.jpg`), 'a');
      await new Promise((r) => setTimeout(r, 250)); // each write inside the quiet period
      expect(sent).toHaveLength(0);
    }
    await waitFor(() => sent.length === 1);
    expect(sent[0]).toHaveLength(4);

    await mkdir(path.join(root, 'marked'));
    await writeFile(path.join(root, 'marked', 'IMG_0.jpg'), 'a');
    await writeFile(path.join(root, 'marked', 'DONE'), '');
    const t0 = Date.now();
    await waitFor(() => sent.length === 2);
    expect(Date.now() - t0).toBeLessThan(600 + 400);
    expect(sent[1]).toEqual(['IMG_0.jpg']); // the marker is not a photo
    await jobs.whenIdle();
    await w.close();
    await jobs.close();
  });

  it('deletes a finished set only when the rule says so', async () => {
    const sent: string[][] = [];
    const jobs = setup(sent);
    const w = await startWatcher(rule({ after: 'delete' }), { jobs, dataDir, intervalMs: 50 });
    await mkdir(path.join(root, 'scan_d'));
    await writeFile(path.join(root, 'scan_d', 'a.jpg'), 'a');
    await waitFor(() => w.sets().scan_d?.state === 'deleted');
    expect(await readdir(root)).not.toContain('scan_d');
    await jobs.whenIdle();
    await w.close();
    await jobs.close();
  });

  it('refuses a second watcher on the same folder, a missing folder, and survives the folder vanishing', async () => {
    const sent: string[][] = [];
    const jobs = setup(sent);
    const logs: string[] = [];
    const w = await startWatcher(rule(), {
      jobs,
      dataDir,
      intervalMs: 50,
      log: (_l, line) => logs.push(logFields(line).message),
    });
    await expect(startWatcher(rule(), { jobs, dataDir })).rejects.toThrow(/already watching/);
    await expect(startWatcher(rule({ folder: path.join(base, 'nope') }), { jobs, dataDir })).rejects.toThrow(
      /does not exist/,
    );

    await rename(root, `${root}-moved`);
    await waitFor(() => logs.some((l) => /is gone/.test(l)));
    await rename(`${root}-moved`, root);
    await waitFor(() => logs.some((l) => /is back/.test(l)));
    await mkdir(path.join(root, 'after'));
    await writeFile(path.join(root, 'after', 'a.jpg'), 'a');
    await waitFor(() => sent.length === 1);
    await jobs.whenIdle();
    await w.close();
    await jobs.close();
  });
});
