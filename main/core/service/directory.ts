/**
 * The folder browser behind web mode's picker (a browser cannot hand us a real path): folders, zips
 * and photos of one directory, home by default. Hidden entries are left out like a file manager does.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InvalidInputError } from '../errors.js';
import type { DirEntry, DirListing } from '../../contract/index.js';

const IMAGE_EXT = /\.(jpe?g|png)$/i;
const MAX_ENTRIES = 2000;

/** `~` and `~/x` mean the home folder, as people type them. */
export function resolveUserPath(p: string, home = os.homedir()): string {
  const t = p.trim();
  if (t === '~') return home;
  if (t.startsWith('~/') || t.startsWith('~\\')) return path.join(home, t.slice(2));
  if (!path.isAbsolute(t)) {
    throw new InvalidInputError(
      `"${t}" is not a full path.`,
      'Start it with / (or ~ for your home folder).',
      {
        detail: 'notFullPath',
        params: { path: t },
      },
    );
  }
  return path.resolve(t);
}

export async function listDirectory(input?: string, home = os.homedir()): Promise<DirListing> {
  const dir = input === undefined || input.trim() === '' ? home : resolveUserPath(input, home);
  let dirents;
  try {
    dirents = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InvalidInputError(`The folder "${dir}" does not exist.`, undefined, {
        detail: 'missing',
        params: { path: dir },
      });
    if (code === 'ENOTDIR')
      throw new InvalidInputError(`"${dir}" is a file, not a folder.`, undefined, {
        detail: 'notFolder',
        params: { path: dir },
      });
    if (code === 'EACCES' || code === 'EPERM') {
      throw new InvalidInputError(`You may not open "${dir}".`, 'Choose a folder you can read.', {
        detail: 'forbidden',
        params: { path: dir },
      });
    }
    throw e;
  }
  const entries: DirEntry[] = [];
  let imageCount = 0;
  for (const d of dirents) {
    if (d.name.startsWith('.')) continue;
    const full = path.join(dir, d.name);
    let isDir = d.isDirectory();
    let isFile = d.isFile();
    if (d.isSymbolicLink()) {
      const st = await fs.stat(full).catch(() => undefined);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) entries.push({ name: d.name, path: full, kind: 'dir' });
    else if (isFile && /\.zip$/i.test(d.name)) entries.push({ name: d.name, path: full, kind: 'zip' });
    else if (isFile && IMAGE_EXT.test(d.name)) {
      imageCount++;
      entries.push({ name: d.name, path: full, kind: 'image' });
    }
  }
  const order = { dir: 0, zip: 1, image: 2 } as const;
  entries.sort(
    (a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
  const parent = path.dirname(dir);
  return {
    path: dir,
    ...(parent !== dir ? { parent } : {}),
    entries: entries.slice(0, MAX_ENTRIES),
    imageCount,
    truncated: entries.length > MAX_ENTRIES,
  };
}
