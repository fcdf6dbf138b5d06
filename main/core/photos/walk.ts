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
import { osSkip, type SkipWhy } from './skip-reason.js';
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

/** A short, human reason from a Node fs error (the English of osSkip, for callers that want text). */
export function osReason(e: unknown): string {
  return osSkip(e).reason;
}

function kindOf(d: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): SkipWhy {
  if (d.isFIFO()) return { code: 'fifo', reason: 'a named pipe (FIFO), not a photo' };
  if (d.isSocket()) return { code: 'socket', reason: 'a socket, not a photo' };
  if (d.isCharacterDevice() || d.isBlockDevice()) return { code: 'device', reason: 'a device, not a photo' };
  return { code: 'not-regular', reason: 'not a regular file, not a photo' };
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
      skipped.push({ displayPath: dir.rel === '' ? displayRoot : show(dir.rel), ...osSkip(e) });
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
          skipped.push({
            displayPath: show(rel),
            code: 'broken-link',
            reason: `broken link (${osReason(e)})`,
          });
          continue;
        }
        if (!isInside(real, rootReal)) {
          skipped.push({
            displayPath: show(rel),
            code: 'link-outside',
            reason: 'link to something outside the chosen folder (not followed)',
          });
          continue;
        }
      }
      const hidden = hiddenReason(ent.name, isDir);
      if (hidden !== undefined) {
        skipped.push({ displayPath: show(rel) + (isDir ? '/' : ''), ...hidden });
        continue;
      }
      if (isDir) {
        if (seenDirs.has(real)) {
          skipped.push({
            displayPath: show(rel) + '/',
            code: 'folder-seen',
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
        skipped.push({ displayPath: show(rel), ...kindOf(typeSource) });
      }
    }
    // Depth-first in name order: push reversed so the first name is visited first.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  return { files, skipped };
}
