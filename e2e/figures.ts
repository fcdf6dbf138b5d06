/**
 * Issue 14's point 2 as a check: the figures a queue row shows (percent, "N of M parts sent",
 * "A / B" bytes) agree with each other and with the job — the paused job that showed "0 % 0 B /
 * 119 MB" with parts already sent is what it catches.
 */
import type { Locator } from '@playwright/test';

export interface RowFigures {
  pct: number;
  partsDone: number;
  partsTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** "1.23 MB", "1,23 MB", "950 B" → bytes (decimal units, as renderer/format.ts writes them). */
export function parseBytes(s: string): number {
  const m = /([\d.,\u00a0\u202f]+)\s*(B|KB|MB|GB|TB)/.exec(s);
  if (!m) throw new Error(`no size in "${s}"`);
  const digits = m[1]!.replace(/[\u00a0\u202f]/g, '');
  const decimal = /,\d{1,2}$/.test(digits)
    ? digits.replace(/\./g, '').replace(',', '.')
    : digits.replace(/,/g, '');
  return Number(decimal) * 1000 ** ['B', 'KB', 'MB', 'GB', 'TB'].indexOf(m[2]!);
}

/** What a queue row shows: percent, parts sent of all, bytes sent of all. */
export async function readFigures(row: Locator): Promise<RowFigures> {
  const pct = Number(/(\d+)\s*%/.exec(await row.getByTestId('job-percent').innerText())?.[1]);
  const parts = (await row.getByTestId('job-parts').innerText()).match(/\d+/g)?.map(Number) ?? [];
  const [done, total] = (await row.getByTestId('job-bytes').innerText()).split('/').map(parseBytes);
  return { pct, partsDone: parts[0]!, partsTotal: parts[1]!, bytesDone: done!, bytesTotal: total! };
}

/**
 * The ways the figures disagree, one line each: percent is not the bytes' share; the totals are not
 * the job's; the bytes sent do not cover the parts sent (each a part size, the last smaller), or go
 * beyond them by more than `inFlight` parts being sent.
 */
export function figureProblems(
  f: RowFigures,
  job: { partsTotal: number; bytesTotal: number },
  partSize: number,
  inFlight: number,
): string[] {
  const out: string[] = [];
  // Sizes are shown with 3 significant digits: ~1 % of the total either way.
  if (!(Math.abs(f.pct - (100 * f.bytesDone) / f.bytesTotal) <= 1.5))
    out.push(`percent ${f.pct} is not the bytes' share`);
  if (f.partsTotal !== job.partsTotal) out.push(`${f.partsTotal} parts shown, the job has ${job.partsTotal}`);
  if (!(Math.abs(f.bytesTotal - job.bytesTotal) / job.bytesTotal < 0.01))
    out.push(`total ${f.bytesTotal} B shown, the job has ${job.bytesTotal} B`);
  const sent = Math.min(f.partsDone * partSize, f.bytesTotal);
  if (f.bytesDone < sent * 0.99) out.push(`bytes do not cover the ${f.partsDone} parts sent`);
  if (f.bytesDone > Math.min(f.bytesTotal, (f.partsDone + inFlight) * partSize) * 1.01)
    out.push(`bytes go beyond ${f.partsDone} parts sent and ${inFlight} in flight`);
  return out;
}
