/**
 * The mesh stage. With CUDA: undistort → PatchMatch stereo → fusion → Poisson (a detailed mesh).
 * Without (Debian's build, most laptops): oriented sparse points → Poisson, labelled "rough" — a
 * shape to look at and check coverage with, not a model to print.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../errors.js';
import type { ColmapInfo } from './find-colmap.js';
import { readModelImages, readModelPoints, loadPlyHeader } from './colmap-model.js';
import { estimateOrientedNormals, writeOrientedPly, type Vec3 } from './normals.js';
import { runStep, type RunStepOptions } from './run-step.js';
import type { Workspace } from './stages.js';

export interface MeshResult {
  kind: 'rough' | 'dense';
  file: string;
  vertices: number;
  faces: number;
  /** Points that went into Poisson (rough: oriented sparse points). */
  inputPoints: number;
}

type StepHooks = Pick<RunStepOptions, 'signal' | 'onEvent' | 'onLine' | 'niceness'>;

export async function buildMesh(
  colmap: ColmapInfo,
  ws: Workspace,
  threads: number,
  hooks: StepHooks,
  onFraction: (f: number) => void,
): Promise<MeshResult> {
  await rm(ws.mesh, { recursive: true, force: true });
  await mkdir(ws.mesh, { recursive: true });
  return colmap.cuda
    ? denseMesh(colmap, ws, threads, hooks, onFraction)
    : roughMesh(colmap, ws, hooks, onFraction);
}

async function roughMesh(
  colmap: ColmapInfo,
  ws: Workspace,
  hooks: StepHooks,
  onFraction: (f: number) => void,
): Promise<MeshResult> {
  const [images, points] = await Promise.all([readModelImages(ws.model), readModelPoints(ws.model)]);
  const centres = new Map<number, Vec3>(images.map((i) => [i.id, i.center]));
  const input = points.map((p) => ({
    xyz: p.xyz,
    rgb: p.rgb,
    error: p.error,
    seenFrom: [...new Set(p.imageIds)].map((id) => centres.get(id)).filter((c): c is Vec3 => c !== undefined),
  }));
  const oriented = estimateOrientedNormals(input);
  if (oriented.length < 100) {
    throw new ToolError(
      `Too few reliable 3D points (${oriented.length}) to make a mesh.`,
      'The sparse model is still usable; more overlapping photos give more points.',
      undefined,
      { detail: 'fewPoints', params: { count: oriented.length } },
    );
  }
  onFraction(0.3);
  const orientedPly = path.join(ws.mesh, 'oriented-points.ply');
  await writeOrientedPly(orientedPly, oriented);
  const file = path.join(ws.mesh, 'rough-mesh.ply');
  // Depth 8 suits a few thousand sparse points (deeper only fits noise); trim 6 cuts the
  // low-density skin Poisson stretches over unseen space. One thread: at this size Poisson takes
  // under a second alone, while two OpenMP threads under OMP_WAIT_POLICY=PASSIVE (see colmapEnv)
  // spent ~7 s in futex waits (measured: 0.77 s vs 6.84 s wall on 4,500 points, 2 cores).
  await runStep({
    colmap,
    step: 'poisson_mesher',
    args: [
      '--input_path',
      orientedPly,
      '--output_path',
      file,
      '--PoissonMeshing.depth',
      '8',
      '--PoissonMeshing.trim',
      '6',
      '--PoissonMeshing.num_threads',
      '1',
    ],
    ...hooks,
  });
  return finish('rough', file, oriented.length);
}

async function denseMesh(
  colmap: ColmapInfo,
  ws: Workspace,
  threads: number,
  hooks: StepHooks,
  onFraction: (f: number) => void,
): Promise<MeshResult> {
  const dense = path.join(ws.root, 'dense');
  await rm(dense, { recursive: true, force: true });
  await mkdir(dense, { recursive: true });
  await runStep({
    colmap,
    step: 'image_undistorter',
    args: [
      '--image_path',
      ws.images,
      '--input_path',
      ws.model,
      '--output_path',
      dense,
      '--output_type',
      'COLMAP',
      '--max_image_size',
      '2000',
    ],
    ...hooks,
  });
  onFraction(0.1);
  await runStep({
    colmap,
    step: 'patch_match_stereo',
    args: [
      '--workspace_path',
      dense,
      '--workspace_format',
      'COLMAP',
      '--PatchMatchStereo.geom_consistency',
      'true',
    ],
    ...hooks,
  });
  onFraction(0.7);
  const fused = path.join(dense, 'fused.ply');
  await runStep({
    colmap,
    step: 'stereo_fusion',
    args: [
      '--workspace_path',
      dense,
      '--workspace_format',
      'COLMAP',
      '--input_type',
      'geometric',
      '--output_path',
      fused,
      '--StereoFusion.num_threads',
      String(threads),
    ],
    ...hooks,
  });
  onFraction(0.85);
  const file = path.join(ws.mesh, 'mesh.ply');
  await runStep({
    colmap,
    step: 'poisson_mesher',
    args: ['--input_path', fused, '--output_path', file, '--PoissonMeshing.num_threads', String(threads)],
    ...hooks,
  });
  return finish('dense', file, (await loadPlyHeader(fused)).vertices);
}

async function finish(kind: MeshResult['kind'], file: string, inputPoints: number): Promise<MeshResult> {
  // Exit 0 is not success: the file must exist and hold faces.
  const ok = await stat(file)
    .then((s) => s.size > 0)
    .catch(() => false);
  if (!ok)
    throw new ToolError(
      'COLMAP poisson_mesher finished but wrote no mesh.',
      'See the job log for its output.',
      undefined,
      { detail: 'noOutput', params: { step: 'poisson_mesher', file: path.basename(file) } },
    );
  const h = await loadPlyHeader(file);
  if (h.faces === 0)
    throw new ToolError('The mesh came out empty.', 'The sparse model is still usable.', undefined, {
      detail: 'emptyMesh',
      params: {},
    });
  return { kind, file, vertices: h.vertices, faces: h.faces, inputPoints };
}
