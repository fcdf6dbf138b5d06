/**
 * `scanbridge check <paths…>`: the pre-flight check from the command line. Words come from the
 * app's English catalogue (the same texts the Review screen shows); --json prints the report's
 * machine form. Exit 0 when the set looks good, 1 when it is risky or will likely fail.
 */
import path from 'node:path';
import { en } from '../../../renderer/i18n/en.js';
import type { CheckReport, PhotoFlag } from '../../core/check/index.js';
import { checkPaths } from '../../core/service/check.js';
import { EXIT } from '../exit-codes.js';
import { matchGraphsOf, type GlobalOptions } from '../context.js';

export interface CheckCliOptions extends GlobalOptions {
  colmap?: string;
  threads?: number;
}

/** `{{name}}` placeholders, as i18next fills them. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? `{{${k}}}`));
}

const words = en.check;

export function reasonText(f: PhotoFlag, r: PhotoFlag['reasons'][number]): string {
  const d = f.detail;
  switch (r) {
    case 'blur':
      return fill(words.reason.blur, { percent: Math.round((d.blur?.ratio ?? 0) * 100) });
    case 'exposure':
      return fill(words.reason.exposure, {
        highlights: Math.round((d.exposure?.highlights ?? 0) * 100),
        shadows: Math.round((d.exposure?.shadows ?? 0) * 100),
      });
    case 'duplicate':
      return fill(words.reason.duplicate, { of: d.duplicate?.of ?? '' });
    case 'disconnected':
      return fill(words.reason.disconnected, { group: (d.disconnected?.group ?? 0) + 1 });
    case 'gap':
      return fill(words.reason.gap, { degrees: d.gap?.degrees ?? 0 });
    default:
      return words.reason[r];
  }
}

/** The report in words, one line each: verdict, set reasons, flagged photos, suggestions. */
export function reportLines(r: CheckReport): string[] {
  const lines = [
    words.verdict[r.verdict],
    fill(words.summary, { photos: r.photos, seconds: r.seconds.toFixed(1), flagged: r.flagged.length }),
  ];
  if (!r.colmap) lines.push(words.noColmap);
  for (const s of r.reasons) lines.push(`  ${fill(words.setReason[s.code], s.params)}`);
  for (const f of r.flagged) lines.push(`  ${f.file}: ${f.reasons.map((x) => reasonText(f, x)).join('; ')}`);
  for (const s of r.suggestions) {
    const text =
      s.code === 'remove-photos'
        ? words.suggestion['remove-photos'][
            s.params.reason as keyof (typeof words.suggestion)['remove-photos']
          ]
        : words.suggestion[s.code];
    lines.push(`→ ${fill(text, s.params)}`);
  }
  return lines;
}

export async function checkCommand(paths: string[], o: CheckCliOptions): Promise<number> {
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
        process.stderr.write(
          `${String(Math.round(p.fraction * 100)).padStart(3)}% ${words.phase[p.phase]}\n`,
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
        params: Object.fromEntries(
          Object.entries(s.params).map(([k, v]) => [
            k,
            k === 'after' || k === 'before' ? show(String(v)) : v,
          ]),
        ),
        ...(s.files ? { files: s.files.map(show) } : {}),
      })),
    };
    if (o.json) process.stdout.write(`${JSON.stringify(shown)}\n`);
    else process.stdout.write(`${reportLines(shown).join('\n')}\n`);
    return report.verdict === 'good' ? EXIT.OK : EXIT.FAILED;
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  }
}
