import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEAD_BYTES, TAIL_BYTES, giveScratch, readHeadTail, sampleHash, takeScratch } from './sample.js';
import { jpegHeader } from './testing/make-jpeg.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-sample-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readHeadTail', () => {
  it('reads only the head and tail of a 200 MB file', async () => {
    const file = path.join(dir, 'big.jpg');
    const size = 200 * 1024 * 1024;
    const fh = await open(file, 'w');
    await fh.truncate(size); // sparse: costs no disk
    await fh.write(jpegHeader({ width: 8000, height: 6000 }), 0, undefined, 0);
    await fh.write(Buffer.from([0xff, 0xd9]), 0, 2, size - 2);
    await fh.close();

    const r = await open(file, 'r');
    const { head, tail, bytesRead } = await readHeadTail(r, size);
    await r.close();
    expect(bytesRead).toBe(HEAD_BYTES + TAIL_BYTES);
    expect(head.length).toBe(HEAD_BYTES);
    expect(head.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(tail.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('reads a small file once and whole', async () => {
    const file = path.join(dir, 'small.bin');
    await writeFile(file, Buffer.from('abcdef'));
    const r = await open(file, 'r');
    const out = await readHeadTail(r, 6);
    await r.close();
    expect(out.bytesRead).toBe(6);
    expect(out.head.toString()).toBe('abcdef');
    expect(out.tail.toString()).toBe('abcdef');
  });

  it('copes with a file that shrank after it was listed', async () => {
    const file = path.join(dir, 'shrunk.bin');
    await writeFile(file, Buffer.alloc(10, 7));
    const r = await open(file, 'r');
    const out = await readHeadTail(r, 1_000_000);
    await r.close();
    expect(out.head.length).toBe(10);
    expect(out.tail.length).toBe(0);
  });
  it('reads into reused scratch space: the same answers and hash as fresh buffers, file after file', async () => {
    const files = await Promise.all(
      [300_000, 9, 200_000].map(async (size, i) => {
        const file = path.join(dir, `s${i}.bin`);
        const bytes = Buffer.alloc(size);
        for (let k = 0; k < size; k++) bytes[k] = (k * 7 + i * 13) & 0xff;
        await writeFile(file, bytes);
        return { file, size };
      }),
    );
    const scratch = takeScratch();
    for (const { file, size } of files) {
      const r = await open(file, 'r');
      const fresh = await readHeadTail(r, size);
      const reused = await readHeadTail(r, size, scratch);
      await r.close();
      expect(reused.head.buffer).toBe(scratch.buffer);
      expect(reused.head).toEqual(fresh.head);
      expect(reused.tail).toEqual(fresh.tail);
      expect(sampleHash(size, reused.head, reused.tail)).toBe(sampleHash(size, fresh.head, fresh.tail));
    }
    giveScratch(scratch);
    expect(takeScratch()).toBe(scratch);
  });
});

describe('sampleHash', () => {
  it('depends on size, head and tail, not on the middle', () => {
    const head = Buffer.alloc(65536, 1);
    const tail = Buffer.alloc(65536, 2);
    const a = sampleHash(1_000_000, head, tail);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(sampleHash(1_000_000, Buffer.concat([head, Buffer.from('x')]), tail)).toBe(a); // beyond 64 KiB of head
    expect(sampleHash(1_000_001, head, tail)).not.toBe(a);
    expect(sampleHash(1_000_000, head, Buffer.alloc(65536, 3))).not.toBe(a);
  });
});
