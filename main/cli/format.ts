/**
 * Pure text formatting for the terminal: server text made printable, durations, the progress line,
 * tables. Every number shown goes through a guard, so NaN, Infinity or null never reach the screen.
 */
import { formatBytes } from '../core/format-bytes.js';
import { sanitize } from '../core/sanitize.js';
import type { JobProgress } from '../core/jobs/types.js';

/**
 * Text from a server or a file name, safe to print: core's one sanitiser (escape sequences, controls
 * and bidi marks removed, one line), so a server cannot move the cursor, recolour or rewrite our lines.
 */
export function printable(text: unknown, max = 500): string {
  return sanitize(text ?? '', max);
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

export function bytes(n: unknown): string {
  return finite(n) && n >= 0 ? formatBytes(Math.round(n)) : '?';
}

/** 75 → "1:15", 3725 → "1:02:05"; unknown or absurd → "--:--". */
export function duration(s: unknown): string {
  if (!finite(s) || s < 0 || s > 99 * 3600) return '--:--';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function percent(fraction: unknown): string {
  const f = finite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return `${Math.floor(f * 100)}%`;
}

/**
 * "[#######-----]  58% 580 MB of 1.00 GB · 112 MB/s · ETA 0:04 · 3 of 6 parts done"; the words from
 * the catalogue in the CLI's language when `t` is given (cli-language.ts).
 */
export function progressLine(
  p: JobProgress,
  width = 100,
  t?: (key: string, params?: Record<string, unknown>) => string,
): string {
  const f = finite(p.fraction) ? Math.min(1, Math.max(0, p.fraction)) : 0;
  const barWidth = 20;
  const filled = Math.round(f * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  const parts: string[] = [];
  if (finite(p.bytesTotal) && p.bytesTotal > 0)
    parts.push(
      t
        ? t('cli.progress.bytes', {
            done: finite(p.bytesDone) ? Math.max(0, p.bytesDone) : 0,
            total: p.bytesTotal,
          })
        : `${bytes(p.bytesDone)} of ${bytes(p.bytesTotal)}`,
    );
  if (finite(p.rate) && p.rate > 0)
    parts.push(t ? t('cli.progress.rate', { rate: p.rate }) : `${bytes(p.rate)}/s`);
  if (finite(p.etaSeconds) && p.etaSeconds >= 0 && f < 1)
    parts.push(t ? t('cli.progress.eta', { time: duration(p.etaSeconds) }) : `ETA ${duration(p.etaSeconds)}`);
  const stage = stageText(p, t);
  if (stage) parts.push(stage);
  const line = `${bar} ${percent(f).padStart(4)} ${parts.join(' · ')}`;
  return line.length > width ? line.slice(0, width) : line;
}

/**
 * What the job is doing, for the progress line. An upload sends several parts at once, so "part 1 of
 * 8" (the lowest part in flight) read wrong at 50 %; the count of parts sent does not.
 */
export function stageText(
  p: Pick<JobProgress, 'step' | 'stage' | 'partsDone' | 'partsTotal'>,
  t?: (key: string, params?: Record<string, unknown>) => string,
): string {
  if (p.step === 'upload' && finite(p.partsTotal) && p.partsTotal > 1 && finite(p.partsDone)) {
    const done = Math.min(p.partsDone, p.partsTotal);
    return t
      ? t('cli.progress.partsSent', { count: p.partsTotal, done })
      : `${done} of ${p.partsTotal} parts sent`;
  }
  // Other steps: the catalogue's name for the step (the core's English stage is for the log).
  if (t && p.step) {
    const key = `step.${p.step}`;
    const said = t(key);
    if (said !== key) return said;
  }
  return p.stage ? printable(p.stage, 60) : '';
}

/** A plain table: columns padded to the widest cell (cells already printable). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const UNIT = { s: 'second', min: 'minute', h: 'hour', d: 'day' } as const;

/** "3 min", "2 h", "5 d" since an ISO time; another language than English says Intl's units ("5 Tg."). */
export function age(iso: string, now = Date.now(), lang = 'en'): string {
  const s = (now - Date.parse(iso)) / 1000;
  if (!finite(s) || s < 0) return '?';
  const say = (n: number, u: keyof typeof UNIT) =>
    lang === 'en'
      ? `${n} ${u}`
      : new Intl.NumberFormat(lang, { style: 'unit', unit: UNIT[u], unitDisplay: 'short' }).format(n);
  if (s < 90) return say(Math.round(s), 's');
  if (s < 90 * 60) return say(Math.round(s / 60), 'min');
  if (s < 36 * 3600) return say(Math.round(s / 3600), 'h');
  return say(Math.round(s / 86400), 'd');
}
