/**
 * How a watch folder is laid out: each subfolder is one scan (the rig writes `scan_0042/IMG_*.jpg`),
 * and each zip dropped in is one scan. Loose photos directly in the folder are not a set: there is no
 * way to tell where one scan ends and the next begins, so the watcher says so instead of guessing.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const DEFAULT_MARKERS = ['.done', 'DONE', 'done.txt', '.complete', 'scan.done'];
/** Folders and files the watcher never treats as a set (its own, the OS's, half-finished downloads). */
const IGNORED =
  /^(\.|~\$|__MACOSX$|Thumbs\.db$|desktop\.ini$|\$RECYCLE\.BIN$|System Volume Information$)|\.(part|partial|crdownload|tmp|download)$/i;

export type SetKind = 'folder' | 'zip';

/** The set a path belongs to: the first path segment under the root, if that is a folder or a zip. */
export function setKeyFor(root: string, p: string): string | undefined {
  const rel = path.relative(root, p);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const first = rel.split(path.sep)[0]!;
  if (IGNORED.test(first)) return undefined;
  return first;
}

export function isIgnoredName(name: string): boolean {
  return IGNORED.test(name);
}

export interface SetFingerprint {
  kind: SetKind;
  /** sha256 over every file's relative path, size and mtime: a set that changes gets a new one. */
  hash: string;
  files: number;
  bytes: number;
  /** Newest mtime of any file (ms). */
  newestMtimeMs: number;
  hasMarker: boolean;
}

/** Reads a set's listing (no file contents). Returns undefined when it vanished meanwhile. */
export async function fingerprintSet(
  root: string,
  key: string,
  markers: readonly string[] = DEFAULT_MARKERS,
): Promise<SetFingerprint | undefined> {
  const full = path.join(root, key);
  let st;
  try {
    st = await stat(full);
  } catch {
    return undefined;
  }
  const h = createHash('sha256');
  if (st.isFile()) {
    if (!/\.zip$/i.test(key)) return undefined;
    h.update(`${key}\0${st.size}\0${st.mtimeMs}`);
    return {
      kind: 'zip',
      hash: h.digest('hex'),
      files: 1,
      bytes: st.size,
      newestMtimeMs: st.mtimeMs,
      hasMarker: false,
    };
  }
  if (!st.isDirectory()) return undefined;
  const entries = await readdir(full, { recursive: true, withFileTypes: true });
  const rows: string[] = [];
  let bytes = 0;
  let newest = st.mtimeMs;
  let hasMarker = false;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    if (markers.includes(e.name)) {
      hasMarker = true;
      continue;
    }
    if (isIgnoredName(e.name)) continue;
    let fst;
    try {
      fst = await stat(abs);
    } catch {
      continue; // vanished between the listing and now: the next look sees the truth
    }
    rows.push(`${path.relative(full, abs)}\0${fst.size}\0${fst.mtimeMs}`);
    bytes += fst.size;
    newest = Math.max(newest, fst.mtimeMs);
  }
  rows.sort();
  for (const r of rows) h.update(`${r}\n`);
  return {
    kind: 'folder',
    hash: h.digest('hex'),
    files: rows.length,
    bytes,
    newestMtimeMs: newest,
    hasMarker,
  };
}
