/**
 * One full reconstruction of the synthetic ring on the real COLMAP (beforeAll), many checks on it.
 * Paths contain spaces and non-ASCII characters on purpose.
 */
import type { LogText } from '../log-line.js';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../testing/require-tool.js';
import { loadPlyHeader } from './colmap-model.js';
import { reconstruct, type ReconstructionSummary, type ReconstructProgress } from './pipeline.js';
import { STAGES } from './stages.js';
import { evaluateModel, type Evaluation } from './testing/evaluate.js';
import { processesMentioning, tempDir } from './testing/fixtures.js';
import { generateSyntheticSet, type SynthResult } from './testing/synth.js';

const has = hasTool('colmap', ['-h']);

describe.skipIf(!has)('reconstruct (COLMAP, synthetic ring of 30 views)', () => {
  let root: string;
  let workspace: string;
  let truth: SynthResult;
  let summary: ReconstructionSummary;
  let evaluation: Evaluation;
  const progress: ReconstructProgress[] = [];
  const logs: LogText[] = [];

  beforeAll(async () => {
    root = await tempDir();
    truth = await generateSyntheticSet({ dir: path.join(root, 'Fotos mit Ümlaut', 'ring set'), views: 30 });
    workspace = path.join(root, 'work space – é');
    summary = await reconstruct({
      images: path.dirname(truth.views[0]!.file),
      workspace,
      onProgress: (p) => progress.push(p),
      onLog: (l) => logs.push(l),
    });
    const prep = JSON.parse(await readFile(path.join(workspace, 'stages', 'prepare.json'), 'utf8')) as {
      data: { images: { name: string; source: string }[] };
    };
    const sourceOf = new Map(prep.data.images.map((i) => [i.name, i.source]));
    evaluation = await evaluateModel(
      truth,
      path.join(workspace, 'model'),
      (n) => sourceOf.get(n) ?? n,
      summary.files.mesh,
    );
    console.log(
      'local reconstruction',
      JSON.stringify({
        stages: summary.stages,
        totalSeconds: summary.totalSeconds,
        ...evaluation,
        similarity: undefined,
      }),
    );
  }, 900_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('registers at least 90% of the views, in one model', () => {
    expect(summary.totalImages).toBe(30);
    expect(summary.registeredImages).toBeGreaterThanOrEqual(27);
    expect(summary.models).toHaveLength(1);
    expect(summary.unregistered.length).toBe(30 - summary.registeredImages);
    expect(summary.points).toBeGreaterThan(1000);
    expect(summary.meanReprojectionError).toBeGreaterThan(0);
    expect(summary.meanReprojectionError).toBeLessThan(1.5);
  });

  it('puts the cameras within 2% of the ring radius after a similarity alignment', () => {
    expect(evaluation.registered).toBe(summary.registeredImages);
    expect(evaluation.centreErrorMax).toBeLessThan(0.02);
  });

  it('makes a rough mesh whose vertices mostly lie within 1% of the true surfaces', () => {
    expect(summary.mesh.kind).toBe('rough');
    expect(evaluation.meshWithin1pct).toBeGreaterThan(0.8);
  });

  it('chooses parameters from the set: ordered names → pair-list matching, one shared camera', () => {
    expect(summary.plan.matcher).toBe('sequential');
    expect(summary.plan.singleCamera).toBe(true);
    expect(summary.plan.maxImageSize).toBe(640);
    expect(summary.colmap.cuda).toBe(false);
  });

  it('reports progress that never goes backwards and walks the stages in order', () => {
    expect(progress.length).toBeGreaterThan(20);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.overall).toBeGreaterThanOrEqual(progress[i - 1]!.overall);
    expect(progress.at(-1)!.overall).toBe(1);
    const order = [...new Set(progress.map((p) => p.stage))];
    expect(order).toEqual(STAGES);
    // Real per-stage progress, not just start/end: extraction counts photos, mapping counts placements.
    expect(
      progress.filter((p) => p.stage === 'extract' && p.stageFraction > 0 && p.stageFraction < 1).length,
    ).toBeGreaterThan(5);
    expect(progress.some((p) => p.stage === 'map' && /photos placed/.test(p.message))).toBe(true);
    // The counts as figures too (what the CLI says beside the stage's name, in any language).
    const counted = progress.filter((p) => p.stage === 'extract' && p.count);
    expect(counted.length).toBeGreaterThan(5);
    for (const p of counted) expect(p.count!.done).toBeLessThanOrEqual(p.count!.total);
    expect(counted.at(-1)!.count).toEqual({ done: counted.at(-1)!.count!.total, total: expect.any(Number) });
    expect(progress.some((p) => p.stage === 'map' && p.count && p.count.done > 0)).toBe(true);
    expect(logs.some((l) => 'tool' in l && l.text.includes('Elapsed time'))).toBe(true);
    // The pipeline's own lines are coded: the COLMAP it runs, by version.
    expect(logs.find((l) => 'code' in l && l.code.startsWith('localColmap'))).toBeDefined();
  });

  it('writes the sparse model as TXT and PLY, the mesh, and the summary', async () => {
    for (const f of summary.files.sparseTxt) expect((await stat(f)).size).toBeGreaterThan(0);
    expect((await loadPlyHeader(summary.files.sparsePly)).vertices).toBe(summary.points);
    const mesh = await loadPlyHeader(summary.files.mesh!);
    expect(mesh.faces).toBeGreaterThan(1000);
    const onDisk = JSON.parse(
      await readFile(path.join(workspace, 'summary.json'), 'utf8'),
    ) as ReconstructionSummary;
    expect(onDisk.registeredImages).toBe(summary.registeredImages);
    expect(summary.stages.map((s) => s.stage)).toEqual(STAGES);
    for (const s of summary.stages) expect(s.skipped).toBe(false);
  });

  it('gives COLMAP ASCII names in the workspace whatever the photos are called', async () => {
    const names = await readdir(path.join(workspace, 'images'));
    expect(names).toHaveLength(30);
    for (const n of names) expect(n).toMatch(/^img_\d{5}\.png$/);
  });

  it('does not redo finished stages on a restart, and leaves no COLMAP running', async () => {
    const t0 = Date.now();
    const again = await reconstruct({ images: path.dirname(truth.views[0]!.file), workspace });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(again.stages.every((s) => s.skipped)).toBe(true);
    expect(again.registeredImages).toBe(summary.registeredImages);
    expect(again.points).toBe(summary.points);
    expect(await processesMentioning(workspace)).toEqual([]);
  });
});
