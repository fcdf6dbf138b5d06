import { describe, expect, it } from 'vitest';
import { clipping, laplacianVariance, median } from './measures.js';
import { components, linkedThrough, overlapStrength, weakPhotos, type Pair } from './match-graph.js';
import { eigenSymmetric3, type Vec3 } from '../vec3.js';
import { findRingGaps } from './ring.js';
import { bridgePairs, checkPairs, checkWindow, mappedSubset } from './quick-sfm.js';
import { pairIds } from './database.js';
import { focalFromExif, orientationNumber } from '../local/exif.js';

const ringCentres = (n: number, skip: (i: number) => boolean = () => false, tilt = 0.3): Vec3[] => {
  const out: Vec3[] = [];
  for (let i = 0; i < n; i++) {
    if (skip(i)) continue;
    const a = (2 * Math.PI * i) / n;
    // A tilted ring with a small wobble: the plane fit must find it whatever its orientation.
    const x = 4 * Math.cos(a);
    const y = 4 * Math.sin(a);
    const z = 1.7 + 0.2 * Math.sin(3 * a);
    out.push([x, y * Math.cos(tilt) - z * Math.sin(tilt), y * Math.sin(tilt) + z * Math.cos(tilt)]);
  }
  return out;
};

describe('measures', () => {
  it('the Laplacian variance is zero on a flat image and large on a checkerboard', () => {
    const flat = new Uint8Array(16 * 16).fill(128);
    const board = new Uint8Array(16 * 16).map((_, i) => (((i % 16) + (i >> 4)) % 2 ? 255 : 0));
    expect(laplacianVariance(flat, 16, 16)).toBe(0);
    expect(laplacianVariance(board, 16, 16)).toBeGreaterThan(100_000);
  });
  it('clipping counts blown and crushed pixels', () => {
    const px = new Uint8Array([0, 3, 128, 251, 255, 100, 200, 250, 6, 5]);
    expect(clipping(px)).toEqual({ highlights: 0.3, shadows: 0.3 });
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('match graph', () => {
  const chain = (from: number, to: number, inliers = 100): Pair[] =>
    Array.from({ length: to - from }, (_, k) => ({ a: from + k, b: from + k + 1, inliers }));
  it('splits photos into groups over pairs with enough inliers, largest first', () => {
    const pairs = [...chain(0, 5), { a: 5, b: 6, inliers: 10 }, ...chain(6, 8)];
    expect(components(10, pairs)).toEqual([[0, 1, 2, 3, 4, 5], [6, 7, 8], [9]]);
  });
  it('finds the photo that barely overlaps its neighbours', () => {
    const pairs = [...chain(0, 9)];
    pairs[4] = { a: 4, b: 5, inliers: 10 };
    pairs[5] = { a: 5, b: 6, inliers: 12 };
    const s = overlapStrength(10, pairs);
    expect(weakPhotos([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], s).map((w) => w.index)).toEqual([5]);
  });
  it('an arc is bridged only through the photos the mapper left out, and only by real links', () => {
    // 0..19 a ring; the mapper left out 8..12 (a run of good photos), so 7 and 13 look 60° apart.
    const ring = [...chain(0, 19), { a: 19, b: 0, inliers: 100 }];
    const left = new Set([8, 9, 10, 11, 12]);
    expect(linkedThrough(7, 13, left, ring)).toBe(true);
    // A real missing arc: no photo between 7 and 13 at all, and the two do not match each other.
    const cut = ring.filter((p) => !(p.a >= 7 && p.a < 13));
    expect(linkedThrough(7, 13, left, cut)).toBe(false);
    // The long way round through placed photos does not count, nor a weak link.
    expect(linkedThrough(7, 13, new Set(), ring)).toBe(false);
    const weakLink = ring.map((p) => (p.a === 10 ? { ...p, inliers: 5 } : p));
    expect(linkedThrough(7, 13, left, weakLink)).toBe(false);
  });
  it('a long set: a narrower window, far pairs for every second photo, an even spread for the mapper', () => {
    expect(checkWindow(34)).toBe(5);
    expect(checkWindow(70)).toBe(10);
    expect(checkWindow(300)).toBe(6);
    const names = Array.from({ length: 300 }, (_, i) => `p${i}`);
    const pairs = checkPairs(names, 6);
    // 300 × 6 neighbours (wrapping) + 150 photos × 4 far pairs (12, 24, 48, 96 on).
    expect(pairs).toHaveLength(300 * 6 + 150 * 4);
    expect(pairs).toContainEqual(['p0', 'p96']);
    expect(pairs).not.toContainEqual(['p1', 'p97']);
    expect(pairs).toContainEqual(['p0', 'p299']);
    expect(new Set(pairs.map((p) => p.join())).size).toBe(pairs.length);
    const group = Array.from({ length: 250 }, (_, i) => 249 - i);
    const sub = mappedSubset(group, 100);
    expect(sub).toHaveLength(100);
    expect(sub[0]).toBe(0);
    expect(Math.max(...sub)).toBeGreaterThanOrEqual(245);
    expect(mappedSubset([3, 1, 2], 100)).toEqual([3, 1, 2]);
  });
  it('bridges: photos outside the main group are tried against nearby photos of other groups', () => {
    // 0..9 good, 10..12 another object, 13..19 good but cut off by it.
    const pairs = [...chain(0, 9), ...chain(10, 12), ...chain(13, 19)];
    const b = bridgePairs(20, pairs, 2);
    expect(b).toContainEqual([12, 13]);
    expect(b).toContainEqual([9, 13]);
    expect(b.every(([x, y]) => x < y)).toBe(true);
    expect(bridgePairs(10, chain(0, 9), 2)).toEqual([]);
  });
  it("COLMAP's pair id splits into the two image ids", () => {
    expect(pairIds(2147483647 * 3 + 17)).toEqual([3, 17]);
  });
});

describe('ring gaps', () => {
  it('a full ring has no gap; a missing arc is found with the photos on either side', () => {
    expect(findRingGaps(ringCentres(36)).gaps).toEqual([]);
    const centres = ringCentres(36, (i) => i >= 10 && i < 16);
    const r = findRingGaps(centres);
    expect(r.isRing).toBe(true);
    expect(r.gaps).toHaveLength(1);
    expect(r.gaps[0]!.degrees).toBe(70);
    // Indices into the centres given: view 9 is centre 9, view 16 is centre 10.
    expect([r.gaps[0]!.after, r.gaps[0]!.before].sort((a, b) => a - b)).toEqual([9, 10]);
  });
  it('centres that are not a ring give no gap', () => {
    const line: Vec3[] = Array.from({ length: 12 }, (_, i) => [i, 0.1 * (i % 2), 0]);
    expect(findRingGaps(line).isRing).toBe(false);
    expect(findRingGaps(ringCentres(36, (i) => i > 16)).gaps).toEqual([]);
  });
  it('eigen-decomposition of a symmetric matrix', () => {
    const { values, vectors } = eigenSymmetric3([2, 1, 0, 1, 2, 0, 0, 0, 5]);
    expect(values.map((v) => Number(v.toFixed(6)))).toEqual([1, 3, 5]);
    expect(Math.abs(vectors[2]![2])).toBeCloseTo(1, 6);
  });
});

describe('EXIF', () => {
  it('focal length in pixels from the 35 mm equivalent or the focal plane resolution', () => {
    expect(focalFromExif({ FocalLengthIn35mmFormat: 36 }, 640)).toBe(640);
    // 4.2 mm lens, 1000 px/mm sensor (unit 4 = mm), 4000 px full frame, copy of 640 px.
    expect(focalFromExif({ FocalLength: 4.2, FocalPlaneXResolution: 1000, FocalPlaneResolutionUnit: 4 }, 640, 4000)).toBeCloseTo(672, 6); // prettier-ignore
    expect(focalFromExif({ FocalLength: 50 }, 640)).toBeUndefined();
    expect(orientationNumber(6)).toBe(6);
    expect(orientationNumber('Rotate 90 CW')).toBe(6);
    expect(orientationNumber(undefined)).toBe(1);
  });
});
