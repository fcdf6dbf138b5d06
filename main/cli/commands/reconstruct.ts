/** `scanbridge reconstruct`: local COLMAP, with per-stage progress on a terminal. */
import { reconstructLocally } from '../../core/service/local.js';
import type { MatcherChoice } from '../../core/local/plan.js';
import { EXIT } from '../exit-codes.js';
import { matchGraphsOf, type GlobalOptions } from '../context.js';
import { printable } from '../format.js';
import { cliText, languageFor, type CliT } from '../cli-language.js';
import type { ReconstructionSummary } from '../../core/local/pipeline.js';
import { stderrTerminal } from '../terminal.js';
import { failureText } from './backends.js';

export interface ReconstructCliOptions extends GlobalOptions {
  out: string;
  colmap?: string;
  matcher?: MatcherChoice;
  mesh?: 'auto' | 'none';
}

/** Why a photo is not in the model, in the CLI's language (its code's sentence; else the English). */
export function unregisteredSaid(u: ReconstructionSummary['unregistered'][number], t: CliT): string {
  if (!u.why) return printable(u.reason, 500);
  const { code, ...params } = u.why;
  if (code === 'notImage' && !u.why.ext) return t('cliCmd.reconstruct.why.notImageNoExt');
  return printable(t(`cliCmd.reconstruct.why.${code}`, params), 500);
}

export async function reconstructCommand(paths: string[], o: ReconstructCliOptions): Promise<number> {
  const controller = new AbortController();
  const term = stderrTerminal();
  const text = await cliText(languageFor(o));
  const { t } = text;
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(text.lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      n,
    );
  const onSig = () => {
    term.line(t('cliCmd.reconstruct.stopping'));
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
        // The stage's name from the catalogue (the core's English message is for the log).
        const key = `step.local_${p.stage}`;
        const said = t(key);
        const count = p.count ? `: ${t('cliCmd.reconstruct.count', p.count)}` : '';
        const line = `${String(pct).padStart(3)}% ${said === key ? printable(p.message, 200) : `${said}${count}`}`;
        if (term.tty) term.status(line.slice(0, (process.stderr.columns || 80) - 1));
        else if (p.stage !== lastStage || Date.now() - lastLine > 5000) {
          lastLine = Date.now();
          term.line(line);
        }
        lastStage = p.stage;
      },
    });
    // --json: the summary as scripts have always read it (the reasons' codes stay on screen).
    if (o.json)
      process.stdout.write(
        `${JSON.stringify({
          ...summary,
          unregistered: summary.unregistered.map(({ why: _w, ...u }) => u),
          mesh: 'error' in summary.mesh ? (({ error: _e, ...m }) => m)(summary.mesh) : summary.mesh,
        })}\n`,
      );
    else {
      term.endStatus();
      term.line(
        t('cliCmd.reconstruct.summary', {
          registered: summary.registeredImages,
          total: summary.totalImages,
          points: number(summary.points, 0),
          error: number(summary.meanReprojectionError, 2),
          seconds: number(summary.totalSeconds, 0),
        }),
      );
      for (const u of summary.unregistered)
        term.line(
          `  ${t('cliCmd.reconstruct.notRegistered', { image: u.image, reason: unregisteredSaid(u, t) })}`,
        );
      term.line(t('cliCmd.reconstruct.sparse', { file: summary.files.sparsePly }));
      if (summary.files.mesh) term.line(t('cliCmd.reconstruct.mesh', { file: summary.files.mesh }));
      else if ('reason' in summary.mesh)
        term.line(
          t('cliCmd.reconstruct.noMesh', {
            reason:
              o.mesh === 'none'
                ? t('cliCmd.reconstruct.noMeshAsked')
                : summary.mesh.error
                  ? failureText(text, summary.mesh.error)
                  : printable(summary.mesh.reason, 500),
          }),
        );
    }
    return EXIT.OK;
  } finally {
    term.endStatus();
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  }
}
