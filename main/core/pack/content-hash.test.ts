import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_BLOCK, ContentHasher, ContentHashStream, contentHash } from './content-hash.js';

const sha = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

describe('Dropbox content hash', () => {
  it('matches known vectors', () => {
    // Empty input: SHA-256 over no block digests.
    expect(contentHash(Buffer.alloc(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    // One block: SHA-256(SHA-256("abc")).
    expect(contentHash(Buffer.from('abc'))).toBe(
      createHash('sha256')
        .update(sha(Buffer.from('abc')))
        .digest('hex'),
    );
    expect(contentHash(Buffer.from('abc'))).toBe(
      '4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358',
    );
  });

  it('splits into 4 MiB blocks regardless of how the input is chunked', () => {
    const data = randomBytes(2 * CONTENT_HASH_BLOCK + 12345);
    const expected = createHash('sha256')
      .update(
        Buffer.concat([
          sha(data.subarray(0, CONTENT_HASH_BLOCK)),
          sha(data.subarray(CONTENT_HASH_BLOCK, 2 * CONTENT_HASH_BLOCK)),
          sha(data.subarray(2 * CONTENT_HASH_BLOCK)),
        ]),
      )
      .digest('hex');
    expect(contentHash(data)).toBe(expected);
    const h = new ContentHasher();
    for (let at = 0; at < data.length;) {
      const n = 1 + Math.floor(Math.random() * 3 * 1024 * 1024);
      h.update(data.subarray(at, at + n));
      at += n;
    }
    expect(h.bytes).toBe(data.length);
    expect(h.digest()).toBe(expected);
    // Exactly one block: no empty trailing block.
    const one = data.subarray(0, CONTENT_HASH_BLOCK);
    expect(contentHash(one)).toBe(createHash('sha256').update(sha(one)).digest('hex'));
  });

  it('works as a pass-through stream', async () => {
    const data = randomBytes(5 * 1024 * 1024);
    const t = new ContentHashStream();
    let seen = 0;
    await pipeline(
      Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
      t,
      new Writable({
        write(c: Buffer, _e, cb) {
          seen += c.length;
          cb();
        },
      }),
    );
    expect(seen).toBe(data.length);
    expect(t.hash()).toBe(contentHash(data));
  });
});
