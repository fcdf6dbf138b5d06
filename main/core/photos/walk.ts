/**
 * Lists the files under a chosen folder. Symbolic links are followed only when their target lies
 * inside the chosen folder: a link to ~/Pictures/private.jpg in a downloaded folder must not end up
 * in a project anyone can read. Folder realpaths are tracked so link loops end.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { CancelledError } from '../errors.js';
import { hiddenReason } from './hidden.js';
import { naturalCompare } from './natural-sort.js';
import type { ScanIssue } from './types.js';

export interface FoundFile {
  /** Path to open (may be a link inside the folder). */
  absPath: string;
  /** Resolved path, to notice the same file reached twice. */
  realPath: string;
  /** '/'-separated, relative to the chosen folder. */
  relPath: string;
  /** Reached through a symbolic link: the real entry wins when both are in the set. */
  viaLink: boolean;
}

export interface WalkResult {
  files: FoundFile[];
  skipped: ScanIssue[];
}

/** A short, human reason from a Node fs error. */
export function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'ENOENT':
      return 'cannot read: it no longer exists (or is a link to something missing)';
    case 'ELOOP':
      return 'cannot read: link loop';
    case 'EIO':
      return 'cannot read: input/output error (failing disk or card?)';
    case 'EISDIR':
      return 'is a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'cannot read: too many open files';
    default:
      return `cannot read: ${err.code ?? ''} ${err.message ?? String(e)}`.trim();
  }
}

function kindOf(d: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (d.isFIFO()) return 'a named pipe (FIFO)';
  if (d.isSocket()) return 'a socket';
  if (d.isCharacterDevice() || d.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const isInside = (child: string, parent: string): boolean =>
  child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

interface Dir {
  abs: string;
  real: string;
  rel: string;
  viaLink: boolean;
}

export async function walkFolder(
  root: string,
  displayRoot: string,
  signal?: AbortSignal,
): Promise<WalkResult> {
  const rootReal = await realpath(root);
  const files: FoundFile[] = [];
  const skipped: ScanIssue[] = [];
  const seenDirs = new Set<string>([rootReal]);
  const show = (rel: string): string => `${displayRoot}/${rel}`;
  const stack: Dir[] = [{ abs: root, real: rootReal, rel: '', viaLink: false }];

  while (stack.length > 0) {
    if (signal?.aborted) throw new CancelledError('Scan cancelled.');
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir.abs, { withFileTypes: true });
    } catch (e) {
      skipped.push({ displayPath: dir.rel === '' ? displayRoot : show(dir.rel), reason: osReason(e) });
      continue;
    }
    entries.sort((a, b) => naturalCompare(a.name, b.name));
    const subdirs: Dir[] = [];
    for (const ent of entries) {
      const abs = path.join(dir.abs, ent.name);
      const rel = dir.rel === '' ? ent.name : `${dir.rel}/${ent.name}`;
      let isDir = ent.isDirectory();
      let real = path.join(dir.real, ent.name);
      let typeSource: {
        isFile(): boolean;
        isFIFO(): boolean;
        isSocket(): boolean;
        isCharacterDevice(): boolean;
        isBlockDevice(): boolean;
      } = ent;
      if (ent.isSymbolicLink()) {
        try {
          real = await realpath(abs);
          const st = await stat(abs);
          isDir = st.isDirectory();
          typeSource = st;
        } catch (e) {
          skipped.push({ displayPath: show(rel), reason: `broken link (${osReason(e)})` });
          continue;
        }
        if (!isInside(real, rootReal)) {
          skipped.push({
            displayPath: show(rel),
            reason: 'link to something outside the chosen folder (not followed)',
          });
          continue;
        }
      }
      const hidden = hiddenReason(ent.name, isDir);
      if (hidden !== undefined) {
        skipped.push({ displayPath: show(rel) + (isDir ? '/' : ''), reason: hidden });
        continue;
      }
      if (isDir) {
        if (seenDirs.has(real)) {
          skipped.push({
            displayPath: show(rel) + '/',
            reason: 'folder already scanned (link loop or second link to it)',
          });
          continue;
        }
        seenDirs.add(real);
        subdirs.push({ abs, real, rel, viaLink: ent.isSymbolicLink() || dir.viaLink });
      } else if (typeSource.isFile()) {
        files.push({
          absPath: abs,
          realPath: real,
          relPath: rel,
          viaLink: ent.isSymbolicLink() || dir.viaLink,
        });
      } else {
        skipped.push({ displayPath: show(rel), reason: `${kindOf(typeSource)}, not a photo` });
      }
    }
    // Depth-first in name order: push reversed so the first name is visited first.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  return { files, skipped };
}
