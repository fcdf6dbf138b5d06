/**
 * Archives a hostile server sends, judged as a whole before a byte is written (issue 13, case 1):
 * central-directory entries sharing one data block, entries pointing outside the file, totals over
 * the archive's size, the job's expectation or the hard cap — and names unsafe on some OS, rewritten
 * the same way everywhere.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnsafeArchiveError } from '../errors.js';
import { safeExtractZip } from './safe-extract.js';
import { safeEntryName, safeSegment } from './safe-name.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-hostile-zip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Central {
  name: string;
  offset: number;
  size: number;
  crc: number;
}

/** One stored file at offset 0, then a central directory the test writes as it likes. */
function craftedZip(data: Buffer, centrals: (first: Central) => Central[]): Buffer {
  const name = Buffer.from('block.bin');
  const crc = crc32(data);
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0);
  lh.writeUInt16LE(20, 4);
  lh.writeUInt32LE(crc, 14);
  lh.writeUInt32LE(data.length, 18);
  lh.writeUInt32LE(data.length, 22);
  lh.writeUInt16LE(name.length, 26);
  const local = Buffer.concat([lh, name, data]);
  const cds = centrals({ name: 'block.bin', offset: 0, size: data.length, crc }).map((c) => {
    const n = Buffer.from(c.name);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(c.crc, 16);
    ch.writeUInt32LE(c.size, 20);
    ch.writeUInt32LE(c.size, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(c.offset, 42);
    return Buffer.concat([ch, n]);
  });
  const cd = Buffer.concat(cds);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(cds.length, 8);
  end.writeUInt16LE(cds.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, cd, end]);
}

async function expectRefused(zip: Buffer, why: RegExp, opts: Parameters<typeof safeExtractZip>[2] = {}) {
  const file = path.join(dir, 'result.zip');
  await writeFile(file, zip);
  const out = path.join(dir, 'project');
  const err = await safeExtractZip(file, out, opts).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UnsafeArchiveError);
  expect((err as Error).message).toMatch(why);
  expect(existsSync(out)).toBe(false); // no empty project folder left
  expect(await readdir(dir)).toEqual(['result.zip']);
}

describe('archives judged as a whole', () => {
  it('refuses entries that share one data block (the 8 × 1 GiB from 1 MB bomb), writing nothing', async () => {
    const data = Buffer.alloc(4000, 7);
    await expectRefused(
      craftedZip(data, (first) => Array.from({ length: 8 }, (_, i) => ({ ...first, name: `copy${i}.bin` }))),
      /share the same bytes/,
    );
  });

  it('refuses an entry whose data lies outside the archive', async () => {
    const data = Buffer.alloc(100, 1);
    await expectRefused(
      craftedZip(data, (first) => [first, { ...first, name: 'far.bin', offset: 10_000_000 }]),
      /outside the archive/,
    );
  });

  it("caps the total against the archive's size and the job's expectation", async () => {
    const data = Buffer.alloc(5000, 1);
    const zip = craftedZip(data, (first) => [first]);
    await expectRefused(zip, /more than what this job expects/, { expectBytes: 4000 });
    await expectRefused(zip, /more than 0\.5× the archive's size/, { limits: { maxTotalRatio: 0.5 } });
  });

  it('a well-formed archive still extracts', async () => {
    const data = Buffer.from('solid');
    const file = path.join(dir, 'ok.zip');
    await writeFile(
      file,
      craftedZip(data, (first) => [first]),
    );
    const files = await safeExtractZip(file, path.join(dir, 'out'));
    expect(files.map((f) => path.basename(f))).toEqual(['block.bin']);
  });
});

describe('names unsafe on some OS: rewritten the same way everywhere, and reported', () => {
  it.each([
    ['control characters (a terminal escape in a name)', 'a\u001b]0;pwned\u0007b.obj', 'a_]0;pwned_b.obj'],
    ['C1 controls and DEL', 'x\u009b2Jy\u007f.png', 'x_2Jy_.png'],
    ['bidi overrides (a name that reads backwards)', 'model\u202egpj.exe', 'model_gpj.exe'],
    ['Windows: ":" and the other forbidden characters', 'a:b<c>d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['Windows: trailing dots and spaces', 'texture.png. . ', 'texture.png'],
    ['Windows: reserved device names, any case, with an extension', 'con.obj', '_con.obj'],
    ['Windows: COM1 and LPT9', 'COM1', '_COM1'],
    ['Windows: LPT9 with an extension', 'lpt9.txt', '_lpt9.txt'],
    ['a name of dots only', '...', '_'],
    [
      'length: at most 255 UTF-8 bytes, the extension kept',
      `${'é'.repeat(200)}.png`,
      `${'é'.repeat(125)}.png`,
    ],
  ])('%s', (_rule, from, to) => {
    expect(safeSegment(from)).toBe(to);
    expect(Buffer.byteLength(safeSegment(from))).toBeLessThanOrEqual(255);
  });

  it('leaves ordinary names alone and works per segment', () => {
    expect(safeEntryName('odm_texturing/odm_textured_model.obj')).toBe(
      'odm_texturing/odm_textured_model.obj',
    );
    expect(safeEntryName('AUX/texture.png')).toBe('_AUX/texture.png');
    expect(safeEntryName('dir. /')).toBe('dir/');
  });

  it('extraction rewrites them, reports each, and splits names that differ only in case', async () => {
    const yazl = (await import('yazl')).default;
    const file = path.join(dir, 'names.zip');
    await new Promise<void>((resolve, reject) => {
      const z = new yazl.ZipFile();
      z.addBuffer(Buffer.from('1'), 'CON.txt');
      z.addBuffer(Buffer.from('2'), 'Model.obj');
      z.addBuffer(Buffer.from('3'), 'model.obj');
      z.addBuffer(Buffer.from('4'), 'red\u001b[31m.txt');
      z.end();
      z.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
    });
    const renamed: [string, string][] = [];
    const files = await safeExtractZip(file, path.join(dir, 'out'), {
      onRenamed: (a, b) => renamed.push([a, b]),
    });
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'Model.obj',
      '_CON.txt',
      'model~2.obj',
      'red_[31m.txt',
    ]);
    expect(renamed).toEqual([
      ['CON.txt', '_CON.txt'],
      ['model.obj', 'model~2.obj'],
      ['red\u001b[31m.txt', 'red_[31m.txt'],
    ]);
  });
});
