/**
 * The workspace of one local run and its stage markers. A stage writes its marker (atomically) only
 * after its output was checked; on a restart a stage with a marker is not redone, and a stage without
 * one starts again from a clean output folder — so a cancel or crash mid-stage leaves nothing
 * half-trusted behind.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export type StageName = 'prepare' | 'extract' | 'match' | 'map' | 'export' | 'mesh';
export const STAGES: StageName[] = ['prepare', 'extract', 'match', 'map', 'export', 'mesh'];

/** Share of the overall progress; matching dominates on a CPU. */
export const STAGE_WEIGHT: Record<StageName, number> = {
  prepare: 0.02,
  extract: 0.12,
  match: 0.5,
  map: 0.22,
  export: 0.04,
  mesh: 0.1,
};

export const STAGE_LABEL: Record<StageName, string> = {
  prepare: 'Checking the photos',
  extract: 'Finding features',
  match: 'Matching photos',
  map: 'Building the sparse model',
  export: 'Exporting the model',
  mesh: 'Making a mesh',
};

export interface Workspace {
  root: string;
  images: string;
  database: string;
  sparse: string;
  model: string;
  mesh: string;
  stages: string;
  logs: string;
}

export function workspacePaths(root: string): Workspace {
  return {
    root,
    images: path.join(root, 'images'),
    database: path.join(root, 'database.db'),
    sparse: path.join(root, 'sparse'),
    model: path.join(root, 'model'),
    mesh: path.join(root, 'mesh'),
    stages: path.join(root, 'stages'),
    logs: path.join(root, 'logs'),
  };
}

export interface StageMarker<T = unknown> {
  stage: StageName;
  seconds: number;
  finishedAt: string;
  data: T;
}

export async function readMarker<T>(ws: Workspace, stage: StageName): Promise<StageMarker<T> | undefined> {
  try {
    return JSON.parse(await readFile(path.join(ws.stages, `${stage}.json`), 'utf8')) as StageMarker<T>;
  } catch {
    return undefined;
  }
}

export async function writeMarker<T>(
  ws: Workspace,
  stage: StageName,
  seconds: number,
  data: T,
): Promise<StageMarker<T>> {
  await mkdir(ws.stages, { recursive: true });
  const marker: StageMarker<T> = { stage, seconds, finishedAt: new Date().toISOString(), data };
  await writeFileAtomic(path.join(ws.stages, `${stage}.json`), JSON.stringify(marker, null, 2));
  return marker;
}

/** Forget a stage and every later one (their inputs are about to change). */
export async function clearFrom(ws: Workspace, stage: StageName): Promise<void> {
  for (const s of STAGES.slice(STAGES.indexOf(stage)))
    await rm(path.join(ws.stages, `${s}.json`), { force: true });
}

/** Overall progress from the current stage and its fraction, over the stages this run has. */
export function overallProgress(stages: StageName[], current: StageName, fraction: number): number {
  const total = stages.reduce((s, st) => s + STAGE_WEIGHT[st], 0);
  let done = 0;
  for (const s of stages) {
    if (s === current) break;
    done += STAGE_WEIGHT[s];
  }
  return Math.min(1, (done + STAGE_WEIGHT[current] * Math.max(0, Math.min(1, fraction))) / total);
}
