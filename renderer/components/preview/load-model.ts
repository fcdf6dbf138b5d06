/**
 * Turns a result file into a three.js object. Every byte comes through `read` (api.readResultFile),
 * so OBJ materials, textures and glTF buffers are fetched from the job's result folder by their
 * relative names and handed to three's loaders as blob: URLs (the CSP allows blob:, not file:).
 */
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MTLLoader } from 'three/examples/jsm/loaders/MTLLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { frustumLines, parseImagesTxt } from './frustums.js';
import type { ParseReply } from './parse.worker.js';

export type ReadFile = (relPath: string) => Promise<ArrayBuffer>;

export interface LoadedModel {
  object: THREE.Object3D;
  /** Point clouds get a size slider (pixels). */
  setPointSize?: (px: number) => void;
  shown?: number;
  total?: number;
  /** Camera positions drawn beside a local COLMAP cloud (from its images.txt). */
  cameras?: number;
  /** blob: URLs to revoke when the preview closes. */
  urls: string[];
}

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');
/** `a/b/../c.png` → `a/c.png`; main refuses anything that still climbs out. */
function join(dir: string, name: string): string {
  const out: string[] = [];
  for (const part of `${dir}${name.replace(/\\/g, '/')}`.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** Fetches the named sibling files; a manager maps their names to blob: URLs. Missing ones are skipped. */
async function blobManager(read: ReadFile, dir: string, names: string[], urls: string[]) {
  const map = new Map<string, string>();
  await Promise.all(
    [...new Set(names)].map(async (name) => {
      try {
        const bytes = await read(join(dir, name));
        const type = MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
        const url = URL.createObjectURL(new Blob([bytes], { type }));
        urls.push(url);
        map.set(name, url);
      } catch {
        // A missing texture leaves the surface untextured; the model itself still shows.
      }
    }),
  );
  const manager = new THREE.LoadingManager();
  manager.setURLModifier((url) => map.get(url) ?? map.get(decodeURIComponent(url)) ?? url);
  return manager;
}

function parsePlyInWorker(bytes: ArrayBuffer): Promise<Extract<ParseReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ParseReply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'The model could not be parsed.'));
    };
    worker.postMessage({ bytes }, [bytes]);
  });
}

async function loadPly(read: ReadFile, rel: string): Promise<LoadedModel> {
  const r = await parsePlyInWorker(await read(rel));
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.BufferAttribute(r.positions, 3));
  if (r.colors) geo.setAttribute('color', new THREE.BufferAttribute(r.colors, 3));
  if (r.normals) geo.setAttribute('normal', new THREE.BufferAttribute(r.normals, 3));
  if (r.index) {
    geo.setIndex(new THREE.BufferAttribute(r.index, 1));
    if (!r.normals) geo.computeVertexNormals();
    const mat = new THREE.MeshStandardMaterial({
      vertexColors: Boolean(r.colors),
      color: r.colors ? 0xffffff : 0xb0b0b0,
      side: THREE.DoubleSide,
    });
    return { object: new THREE.Mesh(geo, mat), urls: [] };
  }
  const points = new THREE.PointsMaterial({
    size: 2,
    sizeAttenuation: false,
    vertexColors: Boolean(r.colors),
    color: r.colors ? 0xffffff : 0x3a7bd5,
  });
  const cloud = new THREE.Points(geo, points);
  const { object, cameras } = await withCameras(read, dirOf(rel), cloud);
  return {
    object,
    cameras,
    setPointSize: (px) => {
      points.size = px;
    },
    shown: r.shown,
    total: r.total,
    urls: [],
  };
}

/** Local COLMAP results keep images.txt beside points.ply: add the cameras as frustums if it is there. */
async function withCameras(
  read: ReadFile,
  dir: string,
  cloud: THREE.Points,
): Promise<{ object: THREE.Object3D; cameras: number }> {
  let text: string;
  try {
    text = new TextDecoder().decode(await read(`${dir}images.txt`));
  } catch {
    return { object: cloud, cameras: 0 }; // not a COLMAP model (cloud, NodeODM): nothing to add
  }
  const poses = parseImagesTxt(text);
  if (poses.length === 0) return { object: cloud, cameras: 0 };
  cloud.geometry.computeBoundingSphere();
  const r = cloud.geometry.boundingSphere?.radius ?? 1;
  const group = new THREE.Group();
  group.add(cloud, frustumLines(poses, Math.max(r * 0.06, 1e-3)));
  return { object: group, cameras: poses.length };
}

async function loadObj(read: ReadFile, rel: string): Promise<LoadedModel> {
  const urls: string[] = [];
  const dir = dirOf(rel);
  const text = new TextDecoder().decode(await read(rel));
  const loader = new OBJLoader();
  const mtlName = /^mtllib\s+(.+)$/m.exec(text)?.[1]?.trim();
  if (mtlName) {
    try {
      const mtlText = new TextDecoder().decode(await read(join(dir, mtlName)));
      const mtlDir = dirOf(join(dir, mtlName));
      const maps = [...mtlText.matchAll(/^\s*(?:map_\w+|bump|norm)\s+(?:-\S+\s+\S+\s+)*(.+)$/gm)].map((m) =>
        (m[1] ?? '').trim(),
      );
      const manager = await blobManager(read, mtlDir, maps, urls);
      // Textures decode asynchronously; wait for them (bounded) so the first frame is textured.
      const texturesLoaded = new Promise<void>((resolve) => {
        manager.onLoad = () => resolve();
        setTimeout(resolve, 5000);
      });
      const materials = new MTLLoader(manager).parse(mtlText, '');
      materials.preload();
      loader.setMaterials(materials);
      if (urls.length > 0) await texturesLoaded;
    } catch {
      // Without its .mtl the mesh still shows, in grey.
    }
  }
  return { object: loader.parse(text), urls };
}

async function loadGltf(read: ReadFile, rel: string, binary: boolean): Promise<LoadedModel> {
  const urls: string[] = [];
  const bytes = await read(rel);
  let names: string[] = [];
  if (!binary) {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as {
      buffers?: { uri?: string }[];
      images?: { uri?: string }[];
    };
    names = [...(json.buffers ?? []), ...(json.images ?? [])]
      .map((b) => b.uri)
      .filter((u): u is string => typeof u === 'string' && !u.startsWith('data:'));
  }
  const manager = await blobManager(read, dirOf(rel), names, urls);
  const gltf = await new GLTFLoader(manager).parseAsync(bytes, '');
  return { object: gltf.scene, urls };
}

export function loadModel(
  read: ReadFile,
  rel: string,
  kind: 'ply' | 'obj' | 'gltf' | 'glb',
): Promise<LoadedModel> {
  if (kind === 'ply') return loadPly(read, rel);
  if (kind === 'obj') return loadObj(read, rel);
  return loadGltf(read, rel, kind === 'glb');
}
