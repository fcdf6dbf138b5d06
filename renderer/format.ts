/**
 * Readable numbers for people, always in the UI's language (Intl): decimal bytes (as the cloud counts
 * them), durations, dates and times left. `lang` is required so no caller falls back to English
 * digits ("5.00 KB" beside "4,58 MB").
 */
/** Intl.NumberFormat is slow to build (a grid cell per frame while scrolling): one per language and digits. */
const byteFormats = new Map<string, Intl.NumberFormat>();
function byteFormat(lang: string, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = byteFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    byteFormats.set(key, f);
  }
  return f;
}

export function formatBytes(n: number, lang: string): string {
  if (!Number.isFinite(n) || n < 0) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i === 0 ? 0 : v < 10 ? 2 : v < 100 ? 1 : 0;
  return `${byteFormat(lang, digits).format(v)} ${units[i]}`;
}

const unit = (lang: string, value: number, u: 'second' | 'minute' | 'hour' | 'day') =>
  new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: u,
    unitDisplay: u === 'day' ? 'long' : 'short',
  }).format(value);

/** "45 s", "12 min", "2 h 05 min", "6 days" in the UI's language; '–' when unknown. */
export function formatDuration(seconds: number | undefined, lang: string): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return unit(lang, s, 'second');
  const m = Math.round(s / 60);
  if (m < 60) return unit(lang, m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 48)
    return m % 60 === 0 ? unit(lang, h, 'hour') : `${unit(lang, h, 'hour')} ${unit(lang, m % 60, 'minute')}`;
  return unit(lang, Math.floor(h / 24), 'day');
}

export function formatDate(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(n);
}

export function formatPercent(pct: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}
