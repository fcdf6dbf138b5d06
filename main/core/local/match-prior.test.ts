/**
 * The local run after a pre-flight check: the plan's pairs from the check's match graph (pure), and
 * one real run on COLMAP — fewer pairs matched than without the check, every photo still placed, a
 * photo the person dropped left out.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../check/index.js';
import { hasTool } from '../testing/require-tool.js';
import type { ImageInfo } from './image-set.js';
import { photoKey, priorPairs, type MatchPrior } from './match-prior.js';
import { reconstruct, type ReconstructionSummary } from './pipeline.js';
import { tempDir } from './testing/fixtures.js';
import { generateSyntheticSet } from './testing/synth.js';

const img = (i: number): ImageInfo => ({ source: `/set/p${i}.jpg`, name: `img_${i}` });
const key = ([a, b]: [string, string]): string => [a, b].sort().join('|');

describe('priorPairs', () => {
  const photos = Array.from({ length: 8 }, (_, i) => img(i).source);
  // The check's graph of 8 photos: a chain 0–1–…–5 with strong links, 6 linked to nothing, 7 weakly.
  const prior: MatchPrior = {
    photos,
    pairs: [
      ...[0, 1, 2, 3, 4].map((i) => ({ a: i, b: i + 1, inliers: 200 })),
      { a: 0, b: 2, inliers: 80 },
      { a: 0, b: 5, inliers: 0 },
      { a: 5, b: 7, inliers: 10 },
    ],
  };
  const images = Array.from({ length: 8 }, (_, i) => img(i));

  it('takes the verified pairs and the chain of neighbours, not the pairs that failed', () => {
    const pairs = priorPairs(images, prior, { window: 3, ordered: true })!.map(key);
    expect(pairs).toContain(key(['img_0', 'img_2']));
    expect(pairs).toContain(key(['img_7', 'img_0'])); // the chain closes the ring
    expect(pairs).not.toContain(key(['img_0', 'img_5'])); // tried by the check, did not verify
    expect(pairs).not.toContain(key(['img_1', 'img_3'])); // linked photos get no window
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('gives a photo the check linked to nothing its whole window, or every photo in no order', () => {
    const ordered = priorPairs(images, prior, { window: 3, ordered: true })!.map(key);
    for (const j of [3, 4, 5, 7, 0, 1]) expect(ordered).toContain(key(['img_6', `img_${j}`]));
    const unordered = priorPairs(images, prior, { window: 3, ordered: false })!.map(key);
    for (let j = 0; j < 8; j++) if (j !== 6) expect(unordered).toContain(key(['img_6', `img_${j}`]));
    // No chain without an order: 1–2 is in only because the check verified it.
    expect(unordered).not.toContain(key(['img_2', 'img_4']));
  });

  it('leaves out photos the person dropped, and gives up when the check did not see a photo', () => {
    const kept = images.filter((_, i) => i !== 1);
    const pairs = priorPairs(kept, prior, { window: 3, ordered: false })!;
    expect(pairs.flat()).not.toContain('img_1');
    expect(pairs.map(key)).toContain(key(['img_0', 'img_2']));
    expect(priorPairs([...images, img(9)], prior, { window: 3, ordered: true })).toBeUndefined();
  });
});

describe('a photo named by the check and by a job', () => {
  it('names a photo the same way from the check (file or zip entry) and from a job', () => {
    expect(photoKey('/a/b/../x.jpg')).toBe(photoKey({ kind: 'file', path: '/a/x.jpg' }));
    const entry = { zipPath: '/z/set.zip', entryName: 'p/1.jpg' };
    expect(photoKey(entry)).toBe(photoKey({ kind: 'zip', ...entry }));
    expect(photoKey(entry)).not.toBe(photoKey({ ...entry, entryName: 'p/2.jpg' }));
  });
});

const has = hasTool('colmap', ['-h']);

describe.skipIf(!has)('a local run after the check (COLMAP, an arc of 16 views in no order)', () => {
  let root: string;
  let files: string[];
  let graph: MatchPrior['pairs'] = [];
  let after: ReconstructionSummary;
  let before: ReconstructionSummary;
  const views = 16;

  beforeAll(async () => {
    root = await tempDir();
    // An arc of 16 views 12° apart (of a ring of 30): a full ring of 16 is too sparse to place.
    const ring = await generateSyntheticSet({ dir: path.join(root, 'render'), views: 30, only: views });
    // Names without digits in a shuffled order: no capture order, so without the check the plan is
    // exhaustive (every pair).
    await mkdir(path.join(root, 'set'));
    files = [];
    for (const [i, v] of ring.views.entries()) {
      const name = `${String.fromCharCode(97 + ((i * 7) % views))}${String.fromCharCode(97 + i)}.png`;
      files.push(path.join(root, 'set', name));
      await copyFile(v.file, files.at(-1)!);
    }
    await runCheck({
      files,
      workDir: path.join(root, 'check'),
      threads: 2,
      onMatchGraph: (p) => (graph = p),
    });
    // The person dropped the last photo after the check.
    const kept = files.slice(0, -1);
    after = await reconstruct({ images: kept, workspace: path.join(root, 'after'), mesh: 'none', threads: 2, prior: { photos: files, pairs: graph } }); // prettier-ignore
    before = await reconstruct({
      images: kept,
      workspace: path.join(root, 'before'),
      mesh: 'none',
      threads: 2,
    });
  }, 900_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('matches only the pairs the check found overlapping, and still places every photo', async () => {
    const n = views - 1;
    expect(graph.length).toBeGreaterThan(0);
    expect(after.plan.matcher).toBe('checked');
    expect(after.totalImages).toBe(n);
    expect(after.registeredImages).toBe(n);
    expect(after.models).toHaveLength(1);
    const pairsAfter = await countPairs(path.join(root, 'after', 'database.db'));
    const pairsBefore = await countPairs(path.join(root, 'before', 'database.db'));
    expect(pairsBefore).toBe((n * (n - 1)) / 2);
    // The check verified ~4 neighbours a photo on this arc (62 of 105 pairs when written).
    expect(pairsAfter).toBeLessThan(0.75 * pairsBefore);
    expect(pairsAfter).toBeGreaterThanOrEqual(n);
  });

  it('without a check plans from the set as before', () => {
    expect(before.plan.matcher).toBe('exhaustive');
    expect(before.registeredImages).toBe(views - 1);
  });
});

/** Pairs COLMAP matched (whether they verified or not): rows of its matches table. */
async function countPairs(database: string): Promise<number> {
  const { default: init } = await import('sql.js');
  const SQL = await init();
  const db = new SQL.Database(await readFile(database));
  try {
    return Number(db.exec('SELECT COUNT(*) FROM matches')[0]!.values[0]![0]);
  } finally {
    db.close();
  }
}
