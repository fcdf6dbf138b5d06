/**
 * The checks' match graphs in the data folder, on real files: the newest graph that saw the run's
 * photos as they are now; a changed photo, a damaged file, a full store.
 */
import { appendFile, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMatchGraphStore, matchGraphFile, MAX_PAIRS } from './match-graph-store.js';
import { photoKey } from './match-prior.js';
import { tempDir } from './testing/fixtures.js';

let root: string;
let photos: string[];
const pairs = [
  { a: 0, b: 1, inliers: 50 },
  { a: 1, b: 2, inliers: 0 },
];

beforeEach(async () => {
  root = await tempDir('sb-graphs-');
  await mkdir(path.join(root, 'set'));
  photos = [];
  for (let i = 0; i < 5; i++) {
    photos.push(path.join(root, 'set', `p${i}.jpg`));
    await writeFile(photos[i]!, `photo ${i}`);
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const store = (max?: number) =>
  createMatchGraphStore({ file: matchGraphFile(path.join(root, 'data')), ...(max ? { max } : {}) });

describe('the match graphs kept in the data folder', () => {
  it('a second store on the same folder (another process) finds the graph, also after photos were dropped', async () => {
    await store().remember(photos.map(photoKey), pairs);
    const found = await store().find(photos.slice(0, 3).map(photoKey));
    expect(found).toEqual({ photos: photos.map(photoKey), pairs });
    expect(await store().find([path.join(root, 'set', 'other.jpg')])).toBeUndefined();
    expect(await store().find([])).toBeUndefined();
  });

  it('a photo changed since the check (size or time) makes that graph useless', async () => {
    await store().remember(photos.map(photoKey), pairs);
    await utimes(photos[2]!, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await store().find(photos.map(photoKey))).toBeUndefined();
    // Photos that did not change still find it (the person dropped the changed one).
    expect(await store().find([photos[0]!, photos[1]!].map(photoKey))).toBeDefined();
    await appendFile(photos[0]!, 'x');
    expect(await store().find([photos[0]!].map(photoKey))).toBeUndefined();
  });

  it('keeps the newest few, a newer check of the same photos replacing the older', async () => {
    const s = store(2);
    await s.remember(photos.map(photoKey), pairs);
    await s.remember(photos.map(photoKey), []);
    expect((await s.find([photoKey(photos[4]!)]))?.pairs).toEqual([]);
    await s.remember(photos.slice(0, 2).map(photoKey), [{ a: 0, b: 1, inliers: 99 }]);
    // The newest that saw photo 0 is the small one; photo 4 only the older.
    expect((await s.find([photoKey(photos[0]!)]))?.pairs[0]?.inliers).toBe(99);
    expect((await s.find([photoKey(photos[4]!)]))?.pairs).toEqual([]);
    await s.remember([photoKey(photos[3]!)], []);
    expect(await s.find([photoKey(photos[4]!)])).toBeUndefined(); // the oldest is forgotten
    const stored = JSON.parse(await readFile(matchGraphFile(path.join(root, 'data')), 'utf8')) as {
      graphs: unknown[];
    };
    expect(stored.graphs).toHaveLength(2);
    // Written by rename: no temporary file left beside it.
    expect(await readdir(path.join(root, 'data'))).toEqual(['match-graphs.json']);
  });

  it('a graph with more pairs than it keeps stores the strongest, and is found (the file stays readable)', async () => {
    const many = Array.from({ length: MAX_PAIRS + 10 }, (_, i) => ({ a: 0, b: 1, inliers: i }));
    await store().remember(photos.map(photoKey), many);
    const found = await store().find(photos.map(photoKey));
    expect(found?.pairs).toHaveLength(MAX_PAIRS);
    expect(found!.pairs.reduce((m, p) => Math.min(m, p.inliers), Infinity)).toBe(10);
  });

  it('a find right after remember (not awaited) sees the graph', async () => {
    const s = store();
    void s.remember(photos.map(photoKey), pairs);
    expect(await s.find(photos.map(photoKey))).toEqual({ photos: photos.map(photoKey), pairs });
  });

  it('two checks ending together in one process keep both graphs', async () => {
    const s = store();
    await Promise.all([
      s.remember(photos.slice(0, 2).map(photoKey), [{ a: 0, b: 1, inliers: 1 }]),
      s.remember(photos.slice(2).map(photoKey), [{ a: 0, b: 1, inliers: 2 }]),
    ]);
    expect((await s.find([photoKey(photos[0]!)]))?.pairs[0]?.inliers).toBe(1);
    expect((await s.find([photoKey(photos[4]!)]))?.pairs[0]?.inliers).toBe(2);
  });

  it('a damaged or foreign file is ignored, and the next check replaces it', async () => {
    const file = matchGraphFile(path.join(root, 'data'));
    await mkdir(path.dirname(file), { recursive: true });
    for (const junk of [
      '{"version":1,"graphs":[{"at":1',
      '{"version":9,"graphs":[]}',
      '\u0000\u0001',
      '[]',
    ]) {
      await writeFile(file, junk);
      expect(await store().find(photos.map(photoKey))).toBeUndefined();
    }
    await store().remember(photos.map(photoKey), pairs);
    expect((await store().find(photos.map(photoKey)))?.pairs).toEqual(pairs);
  });

  it('a folder it cannot write to loses the graph, never fails the check', async () => {
    const lines: string[] = [];
    // The data "folder" is a file: mkdir and the write fail.
    await writeFile(path.join(root, 'blocked'), '');
    const s = createMatchGraphStore({
      file: path.join(root, 'blocked', 'match-graphs.json'),
      log: (l) => lines.push(l),
    });
    await expect(s.remember(photos.map(photoKey), pairs)).resolves.toBeUndefined();
    expect(lines.join('\n')).toMatch(/not kept/);
    expect(await s.find(photos.map(photoKey))).toBeUndefined();
  });
});
