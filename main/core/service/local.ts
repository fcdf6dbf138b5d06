/**
 * Local reconstruction of a set outside a job (`scanbridge reconstruct`): the set's paths as every
 * front end takes them (one folder, or photos), handed to the COLMAP pipeline (local/pipeline.ts).
 * Takes no hold of the data folder, so it runs beside an app that holds one (it only reads the
 * checks' match graphs there); the front end parses and prints.
 */
import path from 'node:path';
import { photoKey } from '../local/match-prior.js';
import type { MatchGraphStore } from '../local/match-graph-store.js';
import { reconstruct, type ReconstructOptions, type ReconstructionSummary } from '../local/pipeline.js';

export interface LocalReconstruction extends Pick<
  ReconstructOptions,
  'colmap' | 'matcher' | 'mesh' | 'signal' | 'onProgress'
> {
  /** One folder of photos, or photo files (relative paths are the process's). */
  paths: string[];
  /** The workspace: kept between runs, so a stopped run continues after its finished stages. */
  out: string;
  /** The pre-flight checks' graphs (the data folder's): a checked set matches only what overlapped. */
  matchGraphs?: MatchGraphStore | undefined;
}

export function reconstructLocally(r: LocalReconstruction): Promise<ReconstructionSummary> {
  const paths = r.paths.map((p) => path.resolve(p));
  return reconstruct({
    images: paths.length === 1 ? paths[0]! : paths,
    workspace: path.resolve(r.out),
    colmap: r.colmap,
    matcher: r.matcher,
    mesh: r.mesh,
    prior: r.matchGraphs ? (files) => r.matchGraphs!.find(files.map(photoKey)) : undefined,
    signal: r.signal,
    onProgress: r.onProgress,
  });
}
