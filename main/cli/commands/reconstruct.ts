/** `scanbridge reconstruct`: local COLMAP, with per-stage progress on a terminal. */
import { reconstructLocally } from '../../core/service/local.js';
import type { MatcherChoice } from '../../core/local/plan.js';
import { EXIT } from '../exit-codes.js';
import { matchGraphsOf, type GlobalOptions } from '../context.js';
import { printable } from '../format.js';
import { stderrTerminal } from '../terminal.js';

export interface ReconstructCliOptions extends GlobalOptions {
  out: string;
  colmap?: string;
  matcher?: MatcherChoice;
  mesh?: 'auto' | 'none';
}

export async function reconstructCommand(paths: string[], o: ReconstructCliOptions): Promise<number> {
  const controller = new AbortController();
  const term = stderrTerminal();
  const onSig = () => {
    term.line('Stopping COLMAP… (finished stages are kept; run the same command to continue)');
    controller.abort();
  };
  process.once('SIGINT', onSig);
  process.once('SIGTERM', onSig);
  let lastLine = 0;
  let lastStage = '';
  try {
    const summary = await reconstructLocally({
      paths,
      out: o.out,
      colmap: o.colmap,
      matcher: o.matcher,
      mesh: o.mesh,
      matchGraphs: matchGraphsOf(o),
      signal: controller.signal,
      onProgress: (p) => {
        if (o.json) return;
        const pct = Number.isFinite(p.overall) ? Math.round(p.overall * 100) : 0;
        const line = `${String(pct).padStart(3)}% ${printable(p.message, 200)}`;
        if (term.tty) term.status(line.slice(0, (process.stderr.columns || 80) - 1));
        else if (p.stage !== lastStage || Date.now() - lastLine > 5000) {
          lastLine = Date.now();
          term.line(line);
        }
        lastStage = p.stage;
      },
    });
    if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      term.endStatus();
      term.line(
        `${summary.registeredImages} of ${summary.totalImages} photos registered, ${summary.points} points, ` +
          `mean reprojection error ${summary.meanReprojectionError.toFixed(2)} px, ${summary.totalSeconds.toFixed(0)} s.`,
      );
      for (const u of summary.unregistered) term.line(`  not registered: ${u.image} (${u.reason})`);
      term.line(`sparse model: ${summary.files.sparsePly}`);
      if (summary.files.mesh) term.line(`mesh: ${summary.files.mesh}`);
      else if ('reason' in summary.mesh) term.line(`no mesh: ${summary.mesh.reason}`);
    }
    return EXIT.OK;
  } finally {
    term.endStatus();
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  }
}
