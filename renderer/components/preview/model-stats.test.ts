import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { modelStats } from './model-stats.js';

const positions = (n: number) => new THREE.BufferAttribute(new Float32Array(n * 3), 3);

describe('modelStats', () => {
  it('counts a mesh by vertices and triangles, indexed or not', () => {
    const indexed = new THREE.BufferGeometry();
    indexed.setAttribute('position', positions(4));
    indexed.setIndex([0, 1, 2, 0, 2, 3]);
    const soup = new THREE.BufferGeometry();
    soup.setAttribute('position', positions(9));
    const group = new THREE.Group();
    group.add(new THREE.Mesh(indexed), new THREE.Mesh(soup));
    expect(modelStats(group)).toEqual({ vertices: 13, faces: 5 });
  });

  it('a thinned cloud reports its full size and what is drawn; cameras are added; frustum lines are not points', () => {
    const geo = new THREE.BufferGeometry();
    geo.setAttribute('position', positions(500));
    const lines = new THREE.LineSegments(new THREE.BufferGeometry());
    lines.geometry.setAttribute('position', positions(16));
    const group = new THREE.Group();
    group.add(new THREE.Points(geo), lines);
    expect(modelStats(group, { total: 1000, shown: 500, cameras: 16 })).toEqual({
      points: 1000,
      pointsShown: 500,
      cameras: 16,
    });
    expect(modelStats(new THREE.Points(geo))).toEqual({ points: 500 });
  });
});
