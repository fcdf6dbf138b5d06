/**
 * The three.js side of the preview, kept out of React: one renderer, scene, camera and orbit
 * controls on a canvas; renders on demand (on control changes and resizes) rather than in a
 * constant loop, so an idle preview costs nothing.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

export interface Viewer {
  show(object: THREE.Object3D): void;
  fit(): void;
  render(): void;
  /** The current view as a PNG (rendered just before reading, so no preserveDrawingBuffer needed). */
  toPng(): Promise<Blob>;
  dispose(): void;
}

/** False where WebGL cannot start (no GPU and no software fallback); the UI says so instead. */
export function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return Boolean(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

export function createViewer(canvas: HTMLCanvasElement): Viewer {
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x20242c);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x444444, 2));
  const sun = new THREE.DirectionalLight(0xffffff, 1.5);
  sun.position.set(1, 2, 3);
  scene.add(sun);
  const camera = new THREE.PerspectiveCamera(50, 1, 0.01, 1000);
  camera.position.set(0, 0, 5);
  const controls = new OrbitControls(camera, canvas);
  controls.enableDamping = false;
  let current: THREE.Object3D | undefined;

  const render = () => {
    const w = canvas.clientWidth || 640;
    const h = canvas.clientHeight || 480;
    if (canvas.width !== Math.floor(w * renderer.getPixelRatio())) {
      renderer.setSize(w, h, false);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
    }
    renderer.render(scene, camera);
  };
  controls.addEventListener('change', render);
  const resize = new ResizeObserver(render);
  resize.observe(canvas);

  const fit = () => {
    if (!current) return;
    const sphere = new THREE.Box3().setFromObject(current).getBoundingSphere(new THREE.Sphere());
    const r = sphere.radius > 0 && Number.isFinite(sphere.radius) ? sphere.radius : 1;
    // Distance at which the sphere fits the narrower of the two fields of view, plus a margin.
    const vFov = THREE.MathUtils.degToRad(camera.fov);
    const hFov = 2 * Math.atan(Math.tan(vFov / 2) * camera.aspect);
    const dist = (r / Math.sin(Math.min(vFov, hFov) / 2)) * 1.1;
    const dir = new THREE.Vector3(0.6, 0.4, 1).normalize();
    camera.position.copy(sphere.center).addScaledVector(dir, dist);
    camera.near = Math.max(dist / 1000, r / 1000);
    camera.far = dist + r * 4;
    camera.updateProjectionMatrix();
    controls.target.copy(sphere.center);
    controls.update();
    render();
  };

  const disposeObject = (o: THREE.Object3D) =>
    o.traverse((n) => {
      const m = n as THREE.Mesh;
      m.geometry?.dispose();
      const mats = Array.isArray(m.material) ? m.material : m.material ? [m.material] : [];
      for (const mat of mats) {
        for (const v of Object.values(mat)) if (v instanceof THREE.Texture) v.dispose();
        mat.dispose();
      }
    });

  return {
    show(object) {
      if (current) {
        scene.remove(current);
        disposeObject(current);
      }
      current = object;
      scene.add(object);
      render();
      fit();
    },
    fit,
    render,
    toPng() {
      render();
      return new Promise((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The screenshot failed.'))), 'image/png'),
      );
    },
    dispose() {
      resize.disconnect();
      controls.dispose();
      if (current) disposeObject(current);
      renderer.dispose();
    },
  };
}
