/** `scanbridge reconstruct`: local COLMAP, with per-stage progress on a terminal. */
import path from 'node:path';
import { reconstruct } from '../../core/local/pipeline.js';
import type { MatcherChoice } from '../../core/local/plan.js';
import { EXIT } from '../exit-codes.js';
import type { GlobalOptions } from '../context.js';

export interface ReconstructCliOptions extends GlobalOptions {
  out: string;
  colmap?: string;
  matcher?: MatcherChoice;
  mesh?: 'auto' | 'none';
}

export async function reconstructCommand(paths: string[], o: ReconstructCliOptions): Promise<number> {
  const controller = new AbortController();
  const onSig = () => {
    process.stderr.write('\nStopping COLMAP… (finished stages are kept; run the same command to continue)\n');
    controller.abort();
  };
  process.once('SIGINT', onSig);
  process.once('SIGTERM', onSig);
  let lastLine = 0;
  let lastStage = '';
  try {
    const summary = await reconstruct({
      images: paths.length === 1 ? path.resolve(paths[0]!) : paths.map((p) => path.resolve(p)),
      workspace: path.resolve(o.out),
      colmap: o.colmap,
      matcher: o.matcher,
      mesh: o.mesh,
      signal: controller.signal,
      onProgress: (p) => {
        if (o.json) return;
        const line = `${(p.overall * 100).toFixed(0).padStart(3)}% ${p.message}`;
        if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(78).slice(0, 78)}`);
        else if (p.stage !== lastStage || Date.now() - lastLine > 5000) {
          lastLine = Date.now();
          process.stderr.write(`${line}\n`);
        }
        lastStage = p.stage;
      },
    });
    if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stderr.write(
        `${summary.registeredImages} of ${summary.totalImages} photos registered, ${summary.points} points, ` +
          `mean reprojection error ${summary.meanReprojectionError.toFixed(2)} px, ${summary.totalSeconds.toFixed(0)} s.\n`,
      );
      for (const u of summary.unregistered)
        process.stderr.write(`  not registered: ${u.image} (${u.reason})\n`);
      process.stderr.write(`sparse model: ${summary.files.sparsePly}\n`);
      if (summary.files.mesh) process.stderr.write(`mesh: ${summary.files.mesh}\n`);
      else if ('reason' in summary.mesh) process.stderr.write(`no mesh: ${summary.mesh.reason}\n`);
    }
    return EXIT.OK;
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  }
}
