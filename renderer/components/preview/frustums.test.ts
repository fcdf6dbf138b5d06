import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { frustumLines, parseImagesTxt } from './frustums.js';

const IMAGES_TXT = `# Image list with two lines of data per image:
#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME
#   POINTS2D[] as (X, Y, POINT3D_ID)
1 1 0 0 0 0 0 5 1 a.jpg

2 0.7071068 0 0.7071068 0 0 0 5 1 b.jpg
10.5 20.5 3 11 12 -1
`;

describe('camera frustums', () => {
  it('parses image lines even when a 2D-point line is empty', () => {
    const poses = parseImagesTxt(IMAGES_TXT);
    expect(poses).toHaveLength(2);
    expect(poses[0]).toEqual({ q: [1, 0, 0, 0], t: [0, 0, 5] });
  });

  it('puts the apex at the camera centre C = -Rᵀt', () => {
    const lines = frustumLines(parseImagesTxt(IMAGES_TXT), 0.5);
    const pos = lines.geometry.getAttribute('position');
    expect(pos.count).toBe(2 * 4 * 4);
    // Identity rotation, t = (0,0,5): the camera sits at (0,0,-5).
    expect(
      new THREE.Vector3()
        .fromBufferAttribute(pos, 0)
        .toArray()
        .map((v) => +v.toFixed(5)),
    ).toEqual([0, 0, -5]);
    // 90° about y: C = -Rᵀ(0,0,5) = (5, 0, 0) (up to rounding).
    const c2 = new THREE.Vector3()
      .fromBufferAttribute(pos, 16)
      .toArray()
      .map((v) => +v.toFixed(4));
    expect(c2).toEqual([5, 0, 0]);
  });
});
