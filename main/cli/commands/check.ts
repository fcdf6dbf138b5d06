/**
 * `scanbridge check <paths…>`: the pre-flight check from the command line. Words come from the
 * app's catalogue in the CLI's language (the same texts the Review screen shows); --json prints the
 * report's machine form. Exit 0 when the set looks good, 1 when it is risky or will likely fail.
 */
import path from 'node:path';
import type { CheckReport, PhotoFlag } from '../../core/check/index.js';
import { checkPaths } from '../../core/service/check.js';
import { EXIT } from '../exit-codes.js';
import { matchGraphsOf, type GlobalOptions } from '../context.js';
import { cliText, languageFor, type CliText } from '../cli-language.js';

export interface CheckCliOptions extends GlobalOptions {
  colmap?: string;
  threads?: number;
}

type T = CliText['t'];

export function reasonText(f: PhotoFlag, r: PhotoFlag['reasons'][number], t: T): string {
  const d = f.detail;
  switch (r) {
    case 'blur':
      return t('check.reason.blur', { percent: Math.round((d.blur?.ratio ?? 0) * 100) });
    case 'exposure':
      return t('check.reason.exposure', {
        highlights: Math.round((d.exposure?.highlights ?? 0) * 100),
        shadows: Math.round((d.exposure?.shadows ?? 0) * 100),
      });
    case 'duplicate':
      return t('check.reason.duplicate', { of: d.duplicate?.of ?? '' });
    case 'disconnected':
      return t('check.reason.disconnected', { group: (d.disconnected?.group ?? 0) + 1 });
    case 'gap':
      return t('check.reason.gap', { degrees: d.gap?.degrees ?? 0 });
    default:
      return t(`check.reason.${r}`);
  }
}

/** The report in words, one line each: verdict, set reasons, flagged photos, suggestions. */
export function reportLines(r: CheckReport, text: CliText): string[] {
  const { t } = text;
  const seconds = new Intl.NumberFormat(text.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const lines = [
    t(`check.verdict.${r.verdict}`),
    t('check.summary', { photos: r.photos, seconds: seconds.format(r.seconds), flagged: r.flagged.length }),
  ];
  if (!r.colmap) lines.push(t('check.noColmap'));
  for (const s of r.reasons) lines.push(`  ${t(`check.setReason.${s.code}`, s.params)}`);
  for (const f of r.flagged)
    lines.push(`  ${f.file}: ${f.reasons.map((x) => reasonText(f, x, t)).join('; ')}`);
  for (const s of r.suggestions) {
    const key =
      s.code === 'remove-photos'
        ? `check.suggestion.remove-photos.${String(s.params.reason)}`
        : `check.suggestion.${s.code}`;
    lines.push(`→ ${t(key, s.params)}`);
  }
  return lines;
}

export async function checkCommand(paths: string[], o: CheckCliOptions): Promise<number> {
  const text = await cliText(languageFor(o));
  const controller = new AbortController();
  const onSig = (): void => controller.abort();
  process.once('SIGINT', onSig);
  process.once('SIGTERM', onSig);
  let lastPhase = '';
  try {
    const report = await checkPaths(paths, {
      colmap: o.colmap,
      threads: o.threads,
      matchGraphs: matchGraphsOf(o),
      signal: controller.signal,
      onProgress: (p) => {
        if (o.json || p.phase === lastPhase) return;
        lastPhase = p.phase;
        const percent = `${String(Math.round(p.fraction * 100)).padStart(3)}%`;
        process.stderr.write(
          `${text.t('cliCmd.check.progress', { percent, phase: text.t(`check.phase.${p.phase}`) })}\n`,
        );
      },
    });
    // Paths as the person typed them (relative stays relative), not our resolved absolute ones.
    const cwd = process.cwd();
    const show = (f: string): string => (path.isAbsolute(paths[0] ?? '') ? f : path.relative(cwd, f) || f);
    const showParams = (p: Record<string, string | number>): Record<string, string | number> =>
      Object.fromEntries(
        Object.entries(p).map(([k, v]) => [k, k === 'after' || k === 'before' ? show(String(v)) : v]),
      );
    const shown: CheckReport = {
      ...report,
      flagged: report.flagged.map((f) => ({
        ...f,
        file: show(f.file),
        detail: {
          ...f.detail,
          ...(f.detail.duplicate ? { duplicate: { of: show(f.detail.duplicate.of) } } : {}),
          ...(f.detail.gap ? { gap: { ...f.detail.gap, neighbour: show(f.detail.gap.neighbour) } } : {}),
        },
      })),
      groups: report.groups.map((g) => g.map(show)),
      gaps: report.gaps.map((g) => ({ ...g, after: show(g.after), before: show(g.before) })),
      reasons: report.reasons.map((s) => ({ ...s, params: showParams(s.params) })),
      suggestions: report.suggestions.map((s) => ({
        ...s,
        params: showParams(s.params),
        ...(s.files ? { files: s.files.map(show) } : {}),
      })),
    };
    if (o.json) process.stdout.write(`${JSON.stringify(shown)}\n`);
    else process.stdout.write(`${reportLines(shown, text).join('\n')}\n`);
    return report.verdict === 'good' ? EXIT.OK : EXIT.FAILED;
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  }
}
