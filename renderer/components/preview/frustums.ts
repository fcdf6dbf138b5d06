/**
 * Camera frustums for local COLMAP results: images.txt (beside points.ply) holds, per registered
 * photo, the world→camera rotation (quaternion QW QX QY QZ) and translation. Each camera is drawn as
 * a small pyramid pointing where it looked (COLMAP cameras look along +z, y down).
 */
import * as THREE from 'three';

export interface CameraPose {
  /** world→camera rotation and translation, as in images.txt */
  q: [number, number, number, number];
  t: [number, number, number];
}

/** Image lines alternate with their 2D-point lines (which may be empty): take every other one. */
export function parseImagesTxt(text: string): CameraPose[] {
  const lines = text.split(/\r?\n/).filter((l) => !l.startsWith('#'));
  const out: CameraPose[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const f = (lines[i] ?? '').trim().split(/\s+/);
    if (f.length < 10) continue;
    const n = f.slice(1, 8).map(Number);
    if (n.some((v) => !Number.isFinite(v))) continue;
    out.push({ q: [n[0]!, n[1]!, n[2]!, n[3]!], t: [n[4]!, n[5]!, n[6]!] });
  }
  return out;
}

/** Line segments for every pose; `size` is the pyramid depth in scene units. */
export function frustumLines(poses: CameraPose[], size: number): THREE.LineSegments {
  const corners = [
    [-0.6, -0.45],
    [0.6, -0.45],
    [0.6, 0.45],
    [-0.6, 0.45],
  ] as const;
  const pts: number[] = [];
  const toWorld = (p: THREE.Vector3, pose: CameraPose, inv: THREE.Quaternion) =>
    p.sub(new THREE.Vector3(...pose.t)).applyQuaternion(inv);
  for (const pose of poses) {
    const [w, x, y, z] = pose.q;
    const inv = new THREE.Quaternion(x, y, z, w).invert();
    const apex = toWorld(new THREE.Vector3(0, 0, 0), pose, inv);
    const c = corners.map(([a, b]) => toWorld(new THREE.Vector3(a * size, b * size, size), pose, inv));
    for (let k = 0; k < 4; k++) {
      const p = c[k]!;
      const q = c[(k + 1) % 4]!;
      pts.push(apex.x, apex.y, apex.z, p.x, p.y, p.z, p.x, p.y, p.z, q.x, q.y, q.z);
    }
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.Float32BufferAttribute(pts, 3));
  return new THREE.LineSegments(geo, new THREE.LineBasicMaterial({ color: 0xff5533 }));
}
