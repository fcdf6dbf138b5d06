/**
 * What the 3D view shows, in numbers: the preview's text alternative (points, camera positions,
 * vertices, faces) for people who cannot see the canvas. Counts the model as loaded; a thinned-out
 * point cloud reports its full size from the parser (`total`), not what is drawn.
 */
import * as THREE from 'three';

export interface ModelStats {
  points?: number;
  /** Points actually drawn, when fewer than `points` (a thinned cloud). */
  pointsShown?: number;
  cameras?: number;
  vertices?: number;
  faces?: number;
}

export function modelStats(
  object: THREE.Object3D,
  extra: { total?: number | undefined; shown?: number | undefined; cameras?: number | undefined } = {},
): ModelStats {
  let points = 0;
  let vertices = 0;
  let faces = 0;
  object.traverse((o) => {
    const geo = (o as THREE.Mesh).geometry as THREE.BufferGeometry | undefined;
    const count = geo?.getAttribute('position')?.count ?? 0;
    if ((o as THREE.Points).isPoints) points += count;
    else if ((o as THREE.Mesh).isMesh && geo) {
      vertices += count;
      faces += Math.floor((geo.index ? geo.index.count : count) / 3);
    }
  });
  const out: ModelStats = {};
  const total = extra.total ?? points;
  if (total > 0) {
    out.points = total;
    const shown = extra.shown ?? points;
    if (shown < total) out.pointsShown = shown;
  }
  if (extra.cameras) out.cameras = extra.cameras;
  if (vertices > 0) {
    out.vertices = vertices;
    out.faces = faces;
  }
  return out;
}
