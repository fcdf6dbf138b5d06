import { describe, expect, it } from 'vitest';
import { toSetSummary } from './summary.js';

describe('toSetSummary', () => {
  it('keeps what the job model needs, nothing more', () => {
    const s = toSetSummary({
      totalBytes: 10,
      photos: [
        {
          source: { kind: 'file', path: '/a.jpg' },
          displayPath: 'a.jpg',
          relPath: 'a.jpg',
          size: 10,
          mtimeMs: 1,
          format: 'jpeg',
          sample: 'x',
          width: 1,
          height: 1,
        },
      ],
    });
    expect(s).toEqual({
      photoCount: 1,
      totalBytes: 10,
      photos: [
        {
          source: { kind: 'file', path: '/a.jpg' },
          displayPath: 'a.jpg',
          relPath: 'a.jpg',
          size: 10,
          mtimeMs: 1,
        },
      ],
    });
  });
});
