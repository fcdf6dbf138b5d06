/**
 * scanSources: from what the user chose (folders, zips, single files, any mix) to the list of photos
 * we will send, plus everything we left out and why. Reads only heads, tails and sizes (sample.ts),
 * with bounded concurrency, so a 2 GB set scans in about a second once cached.
 */
import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { CancelledError, InvalidInputError } from '../errors.js';
import { assemble, type Tagged } from './assemble.js';
import { inspect, isZipFile, type Candidate } from './inspect.js';
import { osReason, walkFolder } from './walk.js';
import { openZipSource, type OpenedZip } from './zip-source.js';
import type { ScanIssue, ScanOptions, ScanResult } from './types.js';

export const DEFAULT_SCAN_CONCURRENCY = 16;

export async function scanSources(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const { signal, onProgress } = opts;
  if (paths.length === 0)
    throw new InvalidInputError(
      'No files or folders were chosen.',
      'Choose a folder of photos, a zip, or some photos.',
      { detail: 'noPaths', params: {} },
    );
  const candidates: Candidate[] = [];
  const skipped: Tagged<ScanIssue>[] = [];
  const zips: OpenedZip[] = [];
  const zipReals = new Set<string>();
  const checkAbort = (): void => {
    if (signal?.aborted) throw new CancelledError('Scan cancelled.');
  };

  try {
    // 1. List every candidate, root by root (cheap: directory reads and central directories).
    for (const [root, p] of paths.entries()) {
      checkAbort();
      const abs = path.resolve(p);
      const name = path.basename(abs) || abs;
      let st: Stats;
      try {
        st = await stat(abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT')
          throw new InvalidInputError(
            `"${p}" does not exist.`,
            'Check the path, or choose the folder again.',
            { detail: 'missing', params: { path: p } },
          );
        throw new InvalidInputError(`"${p}" cannot be opened: ${osReason(e)}.`, undefined, {
          detail: 'cannotOpen',
          params: { path: p },
        });
      }
      if (st.isDirectory()) {
        const w = await walkFolder(abs, name, signal);
        for (const f of w.files)
          candidates.push({
            kind: 'file',
            root,
            absPath: f.absPath,
            relPath: f.relPath,
            displayPath: `${name}/${f.relPath}`,
            realPath: f.realPath,
            viaLink: f.viaLink,
          });
        for (const s of w.skipped) skipped.push({ root, item: s });
      } else if (st.isFile() && (await isZipFile(abs))) {
        const real = await realKey(abs);
        if (zipReals.has(real)) {
          skipped.push({
            root,
            item: {
              displayPath: name,
              code: 'zip-twice',
              reason: 'same zip chosen twice (already included)',
            },
          });
          continue;
        }
        zipReals.add(real);
        const z = await openZipSource(abs, name, signal);
        zips.push(z);
        for (const c of z.candidates) {
          candidates.push({
            kind: 'zip',
            root,
            zip: z,
            zipPath: abs,
            c,
            relPath: c.entryName,
            displayPath: `${name} › ${c.entryName}`,
          });
        }
        for (const s of z.skipped) skipped.push({ root, item: s });
      } else if (st.isFile()) {
        candidates.push({
          kind: 'file',
          root,
          absPath: abs,
          relPath: name,
          displayPath: name,
          realPath: await realKey(abs),
          viaLink: false,
        });
      } else {
        skipped.push({
          root,
          item: { displayPath: name, code: 'not-file-folder-zip', reason: 'not a file, folder or zip' },
        });
      }
    }

    // 2. The same file reached twice (chosen twice, or a link to a file already in the set).
    const seen = new Map<string, string>();
    const unique: Candidate[] = [];
    // Real entries first, so a link (not the file it points to) is what gets dropped.
    const linksLast = [
      ...candidates.filter((c) => !(c.kind === 'file' && c.viaLink)),
      ...candidates.filter((c) => c.kind === 'file' && c.viaLink),
    ];
    for (const c of linksLast) {
      if (c.kind === 'file') {
        const first = seen.get(c.realPath);
        if (first !== undefined) {
          skipped.push({
            root: c.root,
            item: {
              displayPath: c.displayPath,
              code: 'same-file',
              params: { first },
              reason: `same file as "${first}" (already included)`,
            },
          });
          continue;
        }
        seen.set(c.realPath, c.displayPath);
      }
      unique.push(c);
    }

    // 3. Read heads and tails with bounded concurrency.
    const limit = pLimit(Math.max(1, opts.concurrency ?? DEFAULT_SCAN_CONCURRENCY));
    let done = 0;
    const total = unique.length;
    onProgress?.(0, total);
    const outcomes = await Promise.all(
      unique.map((c) =>
        limit(async () => {
          checkAbort();
          const o = await inspect(c);
          done++;
          onProgress?.(done, total);
          return { root: c.root, item: o };
        }),
      ),
    );
    checkAbort();
    return assemble(paths, outcomes, skipped);
  } finally {
    for (const z of zips) await z.close();
  }
}
async function realKey(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return p;
  }
}
