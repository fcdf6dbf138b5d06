/**
 * A job's progress log: small changes to its handle (a part confirmed, the CRCs it computed) appended
 * as one line each next to the job's record (`<id>.log` beside `<id>.json`), instead of rewriting the
 * whole record (photo list, zip plan, every link) per part, which cost ~6 MB of writes for a 2 GB
 * upload to record ~100 bytes of news per part. The next full save of the record folds them in.
 *
 * Crash safety (kill -9 or power cut at any point):
 * - a line is appended and fdatasync'ed before its change is announced; a kill mid-append leaves a
 *   torn last line, which is skipped (that part was never announced, so it is sent again);
 * - every full save writes the record with the next `logSeq`, then removes the log; each line carries
 *   the seq of the record it extends. A crash between the record's rename and the log's removal leaves
 *   lines of the previous seq, already in the record, and they are ignored; so are lines written before
 *   a later save reset the handle (e.g. the cloud dropped the parts): they never come back.
 */
import { open, readFile } from 'node:fs/promises';

/** Objects merge key by key (recursively), arrays gain the values they lack, anything else replaces. */
export type HandlePatch = { [key: string]: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `patch` to `target` in place. Idempotent: applying the same patch twice changes nothing more. */
export function applyPatch(target: Record<string, unknown>, patch: HandlePatch): void {
  for (const [key, value] of Object.entries(patch)) {
    // A log line is data read from disk: never let it reach an object's prototype.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) applyPatch(current, value);
    else if (Array.isArray(value) && Array.isArray(current)) {
      for (const v of value) if (!current.includes(v)) current.push(v);
    } else target[key] = structuredClone(value);
  }
}

export function logLine(seq: number, patch: HandlePatch): string {
  return `${JSON.stringify({ s: seq, p: patch })}\n`;
}

/** The patches of the log `text` that extend the record saved with `seq`, in order; anything else skipped. */
export function patchesFor(text: string, seq: number): HandlePatch[] {
  const out: HandlePatch[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // torn by a kill mid-append (only ever the last line)
    }
    if (isPlainObject(parsed) && parsed.s === seq && isPlainObject(parsed.p)) out.push(parsed.p);
  }
  return out;
}

/** Appends one line and waits until it is on disk. */
export async function appendDurably(file: string, line: string): Promise<void> {
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.appendFile(line, 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

/** The log's text, or '' when there is none. */
export async function readLog(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}
