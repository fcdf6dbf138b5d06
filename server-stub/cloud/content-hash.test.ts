import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContentHasher, dropboxContentHash, dropboxContentHashOfFile } from './content-hash.js';
import { tempDir } from './test-helpers.js';

const MiB = 1024 * 1024;

/** 10 MiB of bytes i % 251: pinned once (computed independently with Python's hashlib). */
const TEN_MIB_MOD251 = '9b168152f37a1b2c33d9b26ca4a679d5f99f84f8c070fd3a4491d52cbfe96af4';

function mod251(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = i % 251;
  return b;
}

/** Independent reference: whole-buffer slicing, no streaming state. */
function reference(data: Buffer): string {
  const digests: Buffer[] = [];
  for (let o = 0; o < data.length; o += 4 * MiB) {
    digests.push(
      createHash('sha256')
        .update(data.subarray(o, o + 4 * MiB))
        .digest(),
    );
  }
  return createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}

describe('Dropbox content hash', () => {
  it('matches the pinned vector for 10 MiB of i % 251', () => {
    expect(dropboxContentHash(mod251(10 * MiB))).toBe(TEN_MIB_MOD251);
  });

  it('of an empty body is SHA-256 of nothing', () => {
    expect(dropboxContentHash(Buffer.alloc(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('is not plain SHA-256 for a body under one block, but SHA-256 of its digest', () => {
    const data = Buffer.from('hello');
    const inner = createHash('sha256').update(data).digest();
    expect(dropboxContentHash(data)).toBe(createHash('sha256').update(inner).digest('hex'));
    expect(dropboxContentHash(data)).not.toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('does not depend on how the stream is chunked (exact block boundaries too)', () => {
    for (const size of [4 * MiB, 4 * MiB + 1, 8 * MiB - 1]) {
      const data = mod251(size);
      const h = createContentHasher();
      // Odd chunk sizes that straddle block boundaries.
      for (let o = 0; o < data.length; o += 777_777) h.update(data.subarray(o, o + 777_777));
      expect(h.digest()).toBe(reference(data));
    }
  });

  it('of a file equals the in-memory hash', async () => {
    const dir = await tempDir();
    try {
      const data = mod251(5 * MiB + 3);
      const path = join(dir.path, 'f.bin');
      await writeFile(path, data);
      expect(await dropboxContentHashOfFile(path)).toBe(reference(data));
    } finally {
      await dir.cleanup();
    }
  });
});
