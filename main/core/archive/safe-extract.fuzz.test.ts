/**
 * fuzz: result-zip extraction (issue 8, item 4). Random entry names (zip-slip with `..`, Windows
 * `..\\`, absolute and drive paths, NUL, deep folders, duplicates, file-vs-folder clashes), symlink
 * entries, random limits and random byte damage. Either every written file lies inside the target
 * and the caps hold, or a typed error is thrown and the target holds nothing new.
 * Seeded by vitest.setup.ts; `npm run fuzz` raises FUZZ_RUNS.
 */
import { mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ScanBridgeError, UnsafeArchiveError } from '../errors.js';
import { safeExtractZip } from './safe-extract.js';

const RUNS = Math.min(Number(process.env.FUZZ_RUNS) || 100, 3000);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-extract-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const segment = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'model',
    'odm_texturing',
    '..',
    '.',
    '',
    'C:',
    'c:\\x',
    '..\\..',
    'x\0y',
    '~',
    '%2e%2e',
  ),
  fc.stringMatching(/^[a-z0-9_.-]{1,8}$/),
);
const entryName = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join('/')),
  fc.constantFrom('/etc/passwd', 'C:/Windows/x', '../../escape.txt', 'a/'.repeat(40) + 'deep.obj', 'dup.txt'),
);
const entry = fc.record({
  name: entryName,
  size: fc.nat(3000),
  compress: fc.boolean(),
  symlink: fc.constantFrom(false, false, false, false, true), // seeded: no Math.random
});

async function buildZip(entries: { name: string; size: number; compress: boolean; symlink: boolean }[]) {
  const z = new yazl.ZipFile();
  for (const e of entries) {
    try {
      z.addBuffer(Buffer.alloc(e.size, 0x41), e.name, {
        compress: e.compress,
        mtime: new Date(2024, 0, 2),
        ...(e.symlink ? { mode: 0o120777 } : {}),
      });
    } catch {
      // yazl refuses some names itself (absolute, backslash, ..): patched in below instead.
      const safe = 'q'.repeat(Math.max(1, Buffer.byteLength(e.name)));
      z.addBuffer(Buffer.alloc(e.size, 0x41), safe, { compress: e.compress, mtime: new Date(2024, 0, 2) });
    }
  }
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  // Put the refused names back, byte for byte (same length), in local and central headers.
  for (const e of entries) {
    const safe = Buffer.from('q'.repeat(Math.max(1, Buffer.byteLength(e.name))));
    const real = Buffer.from(e.name);
    if (real.length !== safe.length || real.length === 0) continue;
    let at = buf.indexOf(safe);
    while (at !== -1) {
      real.copy(buf, at);
      at = buf.indexOf(safe, at + safe.length);
    }
  }
  return buf;
}

async function listAll(root: string): Promise<string[]> {
  const out: string[] = [];
  // A refused archive leaves no folder at all: that is "nothing left" too.
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const d of entries) {
    out.push(path.join(d.parentPath, d.name));
  }
  return out;
}

describe('fuzz: result extraction', () => {
  it('fuzz: hostile names, symlinks, damage and tight caps → confined output within caps, or a typed error and nothing left', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 8 }),
        fc.record({
          maxFiles: fc.integer({ min: 1, max: 10 }),
          maxTotalBytes: fc.integer({ min: 1, max: 20_000 }),
          maxDepth: fc.integer({ min: 1, max: 8 }),
          maxRatio: fc.integer({ min: 1, max: 2000 }),
        }),
        fc.option(fc.tuple(fc.nat(), fc.nat(255)), { nil: undefined }),
        async (entries, limits, damage) => {
          const i = n++;
          const buf = await buildZip(entries);
          if (damage && buf.length > 0) buf[damage[0] % buf.length] = damage[1];
          const zip = path.join(dir, `z${i}.zip`);
          const dest = path.join(dir, `out${i}`);
          await writeFile(zip, buf);
          try {
            const files = await safeExtractZip(zip, dest, { limits });
            const root = await realpath(dest);
            expect(files.length).toBeLessThanOrEqual(limits.maxFiles);
            for (const f of await listAll(dest)) {
              const real = await realpath(f);
              expect(real === root || real.startsWith(root + path.sep), real).toBe(true);
            }
          } catch (e) {
            expect(e, String((e as Error)?.stack ?? e)).toBeInstanceOf(ScanBridgeError);
            const left = await listAll(dest).catch(() => []);
            expect(left, 'a refused archive leaves nothing behind').toEqual([]);
          } finally {
            await rm(zip, { force: true });
            await rm(dest, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('found by fuzzing', () => {
  it('a damaged local header is an UnsafeArchiveError, not a raw yauzl error, and leaves nothing', async () => {
    const buf = await buildZip([{ name: 'dup.txt', size: 0, compress: false, symlink: false }]);
    buf[0] = 0; // local header signature broken; the central directory still points at it
    const zip = path.join(dir, 'damaged.zip');
    const dest = path.join(dir, 'damaged-out');
    await writeFile(zip, buf);
    const err = await safeExtractZip(zip, dest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
    expect((err as Error).message).toMatch(/not a readable zip/);
    expect(await listAll(dest)).toEqual([]);
  });

  it('a file and a folder of the same name is an UnsafeArchiveError', async () => {
    const buf = await buildZip([
      { name: 'a', size: 3, compress: false, symlink: false },
      { name: 'a/b.txt', size: 3, compress: false, symlink: false },
    ]);
    const zip = path.join(dir, 'clash.zip');
    await writeFile(zip, buf);
    const err = await safeExtractZip(zip, path.join(dir, 'clash-out')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
  });
});
