/**
 * The check's quality, measured on the real COLMAP: a synthetic ring with planted problems (a
 * block of another object filed among the good photos, blurred photos, over-exposed photos, a
 * missing arc) must be found at ≥ 90 % with ≤ 1 false flag per 30 good photos; a clean ring must
 * come out `good`. Also: the user's folder is left alone, and a cancel stops COLMAP at once.
 * Two COLMAP threads, as the product runs on two cores: the mapper's order then varies from run to
 * run, and once lost a run of good photos (read as flagged photos and a false gap); the second
 * mapper attempt and the match-graph bridging (quick-sfm.ts, linkedThrough) keep it stable
 * (13/13 found, no false flag, in 7 of 7 runs with two threads).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../errors.js';
import { hasTool } from '../testing/require-tool.js';
import { processesMentioning, tempDir } from '../local/testing/fixtures.js';
import { generatePlantedSet, scorePlanted as score, type PlantedSet } from '../local/testing/planted.js';
import { generateSyntheticSet } from '../local/testing/synth.js';
import { runCheck } from './run-check.js';
import type { CheckProgress, CheckReport } from './types.js';

const has = hasTool('colmap', ['-h']);

describe.skipIf(!has)('pre-flight check on the real COLMAP', () => {
  let set: PlantedSet;
  let planted: CheckReport;
  let clean: CheckReport;
  let root: string;
  const progress: CheckProgress[] = [];

  beforeAll(async () => {
    root = await tempDir('scanbridge-check-test-');
    set = await generatePlantedSet({
      dir: path.join(root, 'planted set'),
      views: 36,
      blur: [3, 11, 31],
      overexpose: [7, 20, 33],
      missingArc: { from: 23, count: 6 },
      foreign: { after: 15, count: 6 },
    });
    planted = await runCheck({ files: set.files, workDir: path.join(root, 'work'), threads: 2, onProgress: (p) => progress.push(p) }); // prettier-ignore
    const ring = await generateSyntheticSet({ dir: path.join(root, 'clean'), views: 30 });
    clean = await runCheck({
      files: ring.views.map((v) => v.file),
      workDir: path.join(root, 'work'),
      threads: 2,
    });
  }, 600_000);

  it('finds ≥ 90 % of the planted problems with ≤ 1 false flag per 30 good photos', () => {
    const s = score(set, planted);
    expect(s.planted).toBe(13);
    expect(s.found / s.planted).toBeGreaterThanOrEqual(0.9);
    expect(s.falseFlags.length).toBeLessThanOrEqual(s.good / 30);
    expect(planted.verdict).not.toBe('good');
  });

  it('names the other object as its own group and the missing arc with its size', () => {
    expect(planted.groups.length).toBeGreaterThanOrEqual(2);
    expect([...planted.groups[1]!].sort()).toEqual([...set.foreign].sort());
    expect(planted.gaps).toHaveLength(1);
    // Six views of 10° left out: the arc between the photos on either side is 70°.
    expect(planted.gaps[0]!.degrees).toBeGreaterThan(50);
    expect(planted.gaps[0]!.degrees).toBeLessThan(90);
    expect(planted.suggestions.map((x) => x.code)).toEqual(
      expect.arrayContaining(['remove-photos', 'reshoot-arc']),
    );
  });

  it('a clean ring comes out good, with nothing flagged', () => {
    expect(clean).toMatchObject({
      verdict: 'good',
      flagged: [],
      gaps: [],
      photos: 30,
      placed: 30,
      colmap: true,
    });
    expect(clean.groups).toHaveLength(1);
  });

  it('progress only goes forward, ends at 1, and the work folder is gone afterwards', async () => {
    const f = progress.map((p) => p.fraction);
    expect(f.every((v, i) => i === 0 || v >= f[i - 1]!)).toBe(true);
    expect(f.at(-1)).toBe(1);
    expect(new Set(progress.map((p) => p.phase))).toEqual(
      new Set(['prepare', 'features', 'matching', 'mapping', 'judging']),
    );
    expect(await readdir(path.join(root, 'work'))).toEqual([]);
    // Nothing was written beside the user's photos.
    expect((await readdir(path.join(root, 'planted set'))).length).toBe(set.files.length);
  });

  it('cancel during COLMAP rejects with CancelledError, ends COLMAP and removes the work folder', async () => {
    const ac = new AbortController();
    const work = path.join(root, 'cancel');
    const run = runCheck({
      files: set.files,
      workDir: work,
      threads: 2,
      signal: ac.signal,
      onProgress: (p) => p.phase === 'features' && ac.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(await readdir(work)).toEqual([]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await processesMentioning(work)).toEqual([]);
  }, 60_000);
});
