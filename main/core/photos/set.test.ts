import { describe, expect, it } from 'vitest';
import { toPhotoSet } from './set.js';
import type { Photo } from './types.js';

describe('toPhotoSet', () => {
  it('keeps what is sent and shown, nothing of the EXIF or the sample', () => {
    const scanned: Photo[] = [
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
        camera: 'Rig',
      },
    ];
    const s = toPhotoSet({ totalBytes: 10, photos: scanned });
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
          format: 'jpeg',
          width: 1,
          height: 1,
        },
      ],
    });
  });
});
