/**
 * The matching stage: exhaustive in blocks of 10 (COLMAP's default of 50 shows no progress under 50
 * photos), or, for an ordered capture, only the pairs `sequentialPairs` picks, or after a pre-flight
 * check the pairs it found overlapping (plan.pairs), fed to matches_importer.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ColmapCommand } from './find-colmap.js';
import { sequentialPairs, type RunPlan } from './plan.js';
import { runStep, type RunStepOptions } from './run-step.js';

/** A stage's progress: the fraction done, its English words, and its count when it has one. */
export type StageFraction = (f: number, message?: string, count?: { done: number; total: number }) => void;

export interface MatchingOptions {
  colmap: ColmapCommand;
  database: string;
  /** Where the pair lists are written. */
  root: string;
  plan: RunPlan;
  /** Image names as COLMAP knows them, in capture order. */
  names: string[];
  threads: number;
  hooks: Pick<RunStepOptions, 'signal' | 'onLine' | 'niceness'>;
  frac: StageFraction;
}

export async function runMatching(o: MatchingOptions): Promise<void> {
  const { colmap, plan, threads, frac } = o;
  const common = [
    '--database_path',
    o.database,
    '--SiftMatching.use_gpu',
    '0',
    '--SiftMatching.num_threads',
    String(threads),
    // No cross-check: COLMAP 3.8's CPU matcher builds and searches a FLANN tree each way with it;
    // one way is ~40 % less matching time, and geometric verification drops what it would have.
    '--SiftMatching.cross_check',
    '0',
    // RANSAC's cap per model (E, F and H each): a pair that verifies has most matches as inliers and
    // stops after a few hundred trials; a pair that does not ran all 10,000 (COLMAP's default) three
    // times. 2,000 trials find the essential matrix (5 points) at 35 % inliers and the fundamental
    // (7 points) at 45 % with 99.9 % confidence; measured on the 12 MP bench set: same pairs
    // verified, same camera accuracy, a quarter less matching time.
    '--SiftMatching.max_num_trials',
    '2000',
  ];
  const hooks = (
    onEvent?: RunStepOptions['onEvent'],
  ): Pick<RunStepOptions, 'signal' | 'onLine' | 'niceness' | 'onEvent'> => ({
    ...o.hooks,
    onEvent,
  });
  if (plan.matcher === 'exhaustive') {
    // The default block of 50 gives no progress under 50 photos.
    await runStep({
      colmap,
      step: 'exhaustive_matcher',
      args: [...common, '--ExhaustiveMatching.block_size', '10'],
      ...hooks(
        (e) =>
          e.kind === 'match-block' &&
          frac(
            ((e.i - 1) * e.blocks + e.j) / (e.blocks * e.blocks),
            `Matching photos: block ${(e.i - 1) * e.blocks + e.j} of ${e.blocks * e.blocks}`,
            { done: (e.i - 1) * e.blocks + e.j, total: e.blocks * e.blocks },
          ),
      ),
    });
  } else {
    const pairs =
      plan.matcher === 'checked' && plan.pairs ? plan.pairs : sequentialPairs(o.names, plan.window);
    // matches_importer in COLMAP 3.8 matches its whole list as one block (no progress, no
    // block-size option), so the list goes in chunks, one process each: progress per chunk, and
    // on a restart the pairs already in the database are skipped.
    // Each process start re-opens the database: chunks of ≥ 60 pairs keep that small.
    const chunk = Math.max(60, Math.ceil(pairs.length / 12));
    for (let k = 0; k < pairs.length; k += chunk) {
      const list = path.join(o.root, 'pairs.txt');
      await writeFile(
        list,
        pairs
          .slice(k, k + chunk)
          .map(([a, b]) => `${a} ${b}\n`)
          .join(''),
      );
      await runStep({
        colmap,
        step: 'matches_importer',
        args: [...common, '--match_list_path', list, '--match_type', 'pairs'],
        ...hooks(),
      });
      const done = Math.min(pairs.length, k + chunk);
      frac(done / pairs.length, `Matching photos: ${done} of ${pairs.length} pairs`, {
        done,
        total: pairs.length,
      });
    }
  }
}
