/**
 * Scores a reconstruction of the synthetic set against its ground truth: registered views, camera
 * centre error after a similarity alignment (as a fraction of the ring radius) and how close the
 * mesh vertices lie to the true surfaces. Shared by the tests and the benchmark.
 */
import path from 'node:path';
import { readModelImages, readPlyVertices } from '../colmap-model.js';
import type { Vec3 } from '../normals.js';
import { alignSimilarity, applySimilarity, type Similarity } from './align.js';
import type { SynthResult } from './synth.js';

export interface Evaluation {
  registered: number;
  total: number;
  /** Camera centre errors after alignment, as fractions of the ring radius. */
  centreErrorMax: number;
  centreErrorMean: number;
  similarity: Similarity;
  /** Fraction of mesh vertices within 1% of the ring radius of a true surface (when a mesh is given). */
  meshWithin1pct?: number | undefined;
  meshMedianError?: number | undefined;
}

/**
 * `nameOf` maps a model image name back to the synthetic view's file (the pipeline stages images
 * under its own names; automatic_reconstructor keeps the originals).
 */
export async function evaluateModel(
  truth: SynthResult,
  modelDir: string,
  nameOf: (modelName: string) => string,
  meshPly?: string,
): Promise<Evaluation> {
  const images = await readModelImages(modelDir);
  const byFile = new Map(truth.views.map((v) => [path.basename(v.file), v]));
  const from: Vec3[] = [];
  const to: Vec3[] = [];
  for (const img of images) {
    const view = byFile.get(path.basename(nameOf(img.name)));
    if (!view) continue;
    from.push(img.center);
    to.push(view.center);
  }
  const sim = alignSimilarity(from, to);
  const errs = from.map((p, i) => dist(applySimilarity(sim, p), to[i]!) / truth.ringRadius);
  const out: Evaluation = {
    registered: images.length,
    total: truth.views.length,
    centreErrorMax: Math.max(...errs),
    centreErrorMean: errs.reduce((a, b) => a + b, 0) / errs.length,
    similarity: sim,
  };
  if (meshPly) {
    const d = (await readPlyVertices(meshPly))
      .map((v) => truth.distanceToSurface(applySimilarity(sim, v)) / truth.ringRadius)
      .sort((a, b) => a - b);
    out.meshWithin1pct = d.filter((x) => x <= 0.01).length / d.length;
    out.meshMedianError = d[Math.floor(d.length / 2)];
  }
  return out;
}

function dist(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
