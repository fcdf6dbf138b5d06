import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { UnsafeArchiveError } from '../errors.js';
import { safeExtractZip, unsafeEntryReason } from './safe-extract.js';
import { tempDir } from '../nodeodm/test-fixtures.js';
import { rawZip } from './testing/raw-zip.js';

async function yazlZip(file: string, add: (z: yazl.ZipFile) => void): Promise<void> {
  const z = new yazl.ZipFile();
  add(z);
  z.end();
  await pipeline(z.outputStream as Readable, createWriteStream(file));
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('safeExtractZip', () => {
  it('extracts a normal result and returns the files written', async () => {
    const zip = path.join(dir, 'all.zip');
    await yazlZip(zip, (z) => {
      z.addBuffer(Buffer.from('v 0 0 0\n'), 'odm_texturing/model.obj');
      z.addBuffer(Buffer.from('%PDF'), 'odm_report/report.pdf');
      z.addEmptyDirectory('empty/');
    });
    const out = path.join(dir, 'out');
    const files = await safeExtractZip(zip, out);
    expect(files.map((f) => path.relative(out, f)).sort()).toEqual([
      path.join('odm_report', 'report.pdf'),
      path.join('odm_texturing', 'model.obj'),
    ]);
    expect(await readFile(path.join(out, 'odm_texturing', 'model.obj'), 'utf8')).toBe('v 0 0 0\n');
    expect((await readdir(out)).filter((n) => n.startsWith('.extracting'))).toEqual([]);
  });

  it.each([
    ['../evil.txt', /invalid relative path|leaves the folder/],
    ['odm/../../evil.txt', /invalid relative path|leaves the folder/],
    ['/etc/evil.txt', /absolute/],
    ['C:/evil.txt', /absolute|drive/],
  ])('rejects the zip-slip name %s and writes nothing', async (name, why) => {
    const zip = path.join(dir, 'bad.zip');
    await writeFile(
      zip,
      rawZip([
        { name: 'ok.txt', data: Buffer.from('ok') },
        { name, data: Buffer.from('pwned') },
      ]),
    );
    const out = path.join(dir, 'out');
    const err = await safeExtractZip(zip, out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
    expect((err as Error).message).toMatch(why);
    // Nothing left behind, not even the folder made for it.
    expect(existsSync(out)).toBe(false);
    expect(await readdir(dir)).toEqual(['bad.zip']);
  });

  it('rejects a symbolic link entry', async () => {
    const zip = path.join(dir, 'link.zip');
    await yazlZip(zip, (z) =>
      z.addBuffer(Buffer.from('/etc/passwd'), 'odm_texturing/link', { mode: 0o120777 }),
    );
    await expect(safeExtractZip(zip, path.join(dir, 'out'))).rejects.toThrow(/symbolic link/);
  });

  it('enforces caps on file count, total size and depth', async () => {
    const zip = path.join(dir, 'many.zip');
    await yazlZip(zip, (z) => {
      for (let i = 0; i < 5; i++) z.addBuffer(Buffer.alloc(1000), `a/b/c/f${i}.bin`);
    });
    await expect(safeExtractZip(zip, path.join(dir, 'o1'), { limits: { maxFiles: 4 } })).rejects.toThrow(
      /more than 4 files/,
    );
    await expect(
      safeExtractZip(zip, path.join(dir, 'o2'), { limits: { maxTotalBytes: 4500 } }),
    ).rejects.toThrow(/more than the hard cap \(4500 bytes\)/);
    await expect(safeExtractZip(zip, path.join(dir, 'o3'), { limits: { maxDepth: 3 } })).rejects.toThrow(
      /folder levels/,
    );
    expect(existsSync(path.join(dir, 'o1'))).toBe(false);
  });

  it('refuses a file that is not a zip with a clear message', async () => {
    const zip = path.join(dir, 'page.zip');
    await writeFile(zip, '<html>not a zip</html>');
    await expect(safeExtractZip(zip, path.join(dir, 'out'))).rejects.toThrow(
      /page\.zip is not a readable zip/,
    );
  });

  it('names every unsafe shape', () => {
    expect(unsafeEntryReason('a\\b.txt', 32)).toMatch(/backslash/);
    expect(unsafeEntryReason('a/b.txt', 32)).toBeUndefined();
    expect(unsafeEntryReason('x\0y', 32)).toMatch(/NUL/);
  });
});
