/**
 * Finds the 3D programs "Open with…" offers besides the system default (MeshLab, Blender) on this
 * computer: their usual install places per OS, then PATH. The file system comes in as two small
 * functions so every OS's rules can be tested on any OS; nothing here runs a program.
 */
import path from 'node:path';
import type { ViewerAppId } from '../../contract/index.js';

export type ViewerId = Exclude<ViewerAppId, 'default'>;

export interface FoundViewer {
  id: ViewerId;
  name: string;
  /** Absolute path of the program to start (never a shell command line). */
  executable: string;
}

export interface FindDeps {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the path is an existing file (a program). */
  isFile(p: string): Promise<boolean>;
  /** Entry names of a folder; [] when it does not exist. */
  listDir(p: string): Promise<string[]>;
}

const NAMES: Record<ViewerId, string> = { meshlab: 'MeshLab', blender: 'Blender' };

/** The program names looked up on PATH. */
const ON_PATH: Record<ViewerId, string[]> = {
  meshlab: ['meshlab', 'MeshLab'],
  blender: ['blender'],
};

const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** Numbers in a folder name ("Blender 4.2", "MeshLab2023.12") compared as versions, newest first. */
function byVersionDesc(a: string, b: string): number {
  const va = (a.match(/\d+/g) ?? []).map(Number);
  const vb = (b.match(/\d+/g) ?? []).map(Number);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (vb[i] ?? -1) - (va[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

/** Known install places, most likely first; some are found by listing a folder (versioned names). */
async function knownPlaces(id: ViewerId, deps: FindDeps): Promise<string[]> {
  const p = pathFor(deps.platform);
  const env = deps.env;
  const home = env.HOME ?? env.USERPROFILE ?? '';
  const listMatching = async (dir: string, re: RegExp) =>
    (await deps.listDir(dir)).filter((n) => re.test(n)).sort(byVersionDesc);

  if (deps.platform === 'win32') {
    const roots = [
      env.ProgramFiles,
      env['ProgramFiles(x86)'],
      env.LOCALAPPDATA && p.join(env.LOCALAPPDATA, 'Programs'),
    ].filter((r): r is string => !!r);
    const out: string[] = [];
    for (const root of roots) {
      if (id === 'meshlab') {
        out.push(p.join(root, 'VCG', 'MeshLab', 'meshlab.exe'));
        // MeshLab 2022+ installs as "MeshLab2023.12" etc. under Program Files.
        for (const d of await listMatching(root, /^meshlab/i)) out.push(p.join(root, d, 'meshlab.exe'));
      } else {
        const foundation = p.join(root, 'Blender Foundation');
        for (const d of await listMatching(foundation, /^blender/i))
          out.push(p.join(foundation, d, 'blender.exe'));
      }
    }
    return out;
  }
  if (deps.platform === 'darwin') {
    const out: string[] = [];
    for (const apps of ['/Applications', home && p.join(home, 'Applications')].filter(Boolean)) {
      const re = id === 'meshlab' ? /^meshlab.*\.app$/i : /^blender.*\.app$/i;
      for (const bundle of await listMatching(apps, re))
        out.push(p.join(apps, bundle, 'Contents', 'MacOS', id === 'meshlab' ? 'MeshLab' : 'Blender'));
    }
    return out;
  }
  // Linux and the BSDs: PATH first (below); then snap and flatpak, whose launchers are not always on PATH.
  const flatpak = id === 'meshlab' ? 'net.meshlab.MeshLab' : 'org.blender.Blender';
  return [
    p.join('/snap/bin', id),
    p.join('/var/lib/flatpak/exports/bin', flatpak),
    ...(home ? [p.join(home, '.local/share/flatpak/exports/bin', flatpak)] : []),
  ];
}

/** Each folder of PATH joined with each name (with .exe on Windows). */
export function pathCandidates(id: ViewerId, platform: NodeJS.Platform, env: FindDeps['env']): string[] {
  const p = pathFor(platform);
  const raw = env.PATH ?? env.Path ?? '';
  const dirs = raw.split(platform === 'win32' ? ';' : ':').filter((d) => d && p.isAbsolute(d));
  const names = ON_PATH[id].map((n) => (platform === 'win32' ? `${n}.exe` : n));
  return dirs.flatMap((d) => names.map((n) => p.join(d, n)));
}

export async function findViewer(id: ViewerId, deps: FindDeps): Promise<FoundViewer | undefined> {
  const onPath = pathCandidates(id, deps.platform, deps.env);
  const places = await knownPlaces(id, deps);
  // Linux: what the user put on PATH wins; elsewhere the installer's place is the usual one.
  const order =
    deps.platform === 'win32' || deps.platform === 'darwin' ? [...places, ...onPath] : [...onPath, ...places];
  for (const candidate of order) {
    if (await deps.isFile(candidate)) return { id, name: NAMES[id], executable: candidate };
  }
  return undefined;
}

export async function findViewers(deps: FindDeps): Promise<FoundViewer[]> {
  const found = await Promise.all((['meshlab', 'blender'] as const).map((id) => findViewer(id, deps)));
  return found.filter((v): v is FoundViewer => v !== undefined);
}

/**
 * Blender opens only .blend files from its command line: a model is imported by a short Python
 * expression that reads the file's path from after `--` (never pasted into the code), trying the
 * 4.x importers first and the older add-on ones after.
 */
export const BLENDER_IMPORT = [
  'import bpy, sys, os',
  "p = sys.argv[sys.argv.index('--') + 1]",
  'e = os.path.splitext(p)[1].lower()',
  'o = bpy.ops',
  "new = {'.ply': 'wm.ply_import', '.obj': 'wm.obj_import', '.stl': 'wm.stl_import'}",
  "old = {'.ply': 'import_mesh.ply', '.obj': 'import_scene.obj', '.stl': 'import_mesh.stl', '.glb': 'import_scene.gltf', '.gltf': 'import_scene.gltf'}",
  'def run(name):',
  "    a, b = name.split('.')",
  '    getattr(getattr(o, a), b)(filepath=p)',
  'try:',
  '    run(new[e])',
  'except (KeyError, AttributeError):',
  '    run(old[e])',
].join('\n');

/** The program and its argument list that open `file` in a viewer (spawned without a shell). */
export function launchFor(viewer: FoundViewer, file: string): { command: string; args: string[] } {
  if (viewer.id === 'blender')
    return { command: viewer.executable, args: ['--python-expr', BLENDER_IMPORT, '--', file] };
  return { command: viewer.executable, args: [file] };
}
