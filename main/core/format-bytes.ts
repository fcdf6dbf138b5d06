/**
 * Human-readable byte counts in decimal units (kB, MB, GB), the way the OpenScan Cloud states its
 * limits (limit_filesize 2000000000 is "2.00 GB"), so our messages match the numbers users see.
 */
const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  if (v < 1000) return `${sign}${v} ${v === 1 ? 'byte' : 'bytes'}`;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  // 3 significant digits, but never round up into the next unit ("1000 MB").
  let text = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  if (text === '1000' && u < UNITS.length - 1) {
    text = '1.00';
    u++;
  }
  return `${sign}${text} ${UNITS[u]}`;
}
