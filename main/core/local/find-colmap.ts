/**
 * Finds a COLMAP we can run and what it can do. Order: the path in settings (a wrong one is an
 * error, not a silent fallback), the copy bundled with the app, then PATH. Capabilities are probed
 * cheaply: `colmap -h` names the version and says "with/without CUDA"; `delaunay_mesher -h` prints
 * an ERROR at once when COLMAP was built without CGAL.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../errors.js';

export interface ColmapCommand {
  /** The executable to spawn (never through a shell). */
  command: string;
  /** Folders to put first on PATH (the official Windows build keeps its DLLs in lib/). */
  pathPrepend: string[];
}

export interface ColmapInfo extends ColmapCommand {
  source: 'settings' | 'bundled' | 'path';
  version: string;
  cuda: boolean;
  cgal: boolean;
  /** One sentence for the UI before a run. */
  capabilities: string;
}

export interface FindColmapOptions {
  /** The user's choice in settings: the executable, COLMAP.bat, or the folder holding it. */
  settingsPath?: string | undefined;
  /** Electron's process.resourcesPath (the caller passes it: core never imports electron). */
  resourcesPath?: string | undefined;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/** Versions whose CLI options this pipeline was written against. */
const KNOWN = { major: 3, minMinor: 6 };

export async function findColmap(opts: FindColmapOptions = {}): Promise<ColmapInfo> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  if (opts.settingsPath) {
    const cmd = await fromUserPath(opts.settingsPath, platform);
    return probe(cmd, 'settings', env);
  }
  if (opts.resourcesPath) {
    const cmd = await fromFolder(path.join(opts.resourcesPath, 'colmap', platform), platform);
    if (cmd) return probe(cmd, 'bundled', env);
  }
  const onPath = await searchPath(
    platform === 'win32' ? ['colmap.exe', 'colmap.bat', 'COLMAP.bat'] : ['colmap'],
    env,
  );
  if (onPath) return probe(onPath, 'path', env);
  throw new ToolError(
    'COLMAP was not found: it is not bundled with this copy of ScanBridge and not on PATH.',
    'Install COLMAP (e.g. "apt install colmap" or the official build from colmap.github.io) and set its path in Settings, or process in the cloud.',
    undefined,
    { detail: 'notFound', params: {} },
  );
}

/** Parses `colmap -h`: "COLMAP 3.8 -- Structure-from-Motion…" and "(Commit … with CUDA)". */
export function parseColmapHelp(text: string): { version: string; cuda: boolean } | undefined {
  const m = /COLMAP\s+(\d+\.\d+(?:\.\d+)?)/.exec(text);
  if (!m?.[1]) return undefined;
  return { version: m[1], cuda: /with CUDA/i.test(text) && !/without CUDA/i.test(text) };
}

export function describeCapabilities(c: { cuda: boolean; cgal: boolean }): string {
  if (c.cuda) return 'This machine can make a sparse model and a detailed (dense) mesh with its NVIDIA GPU.';
  return 'This machine can make a sparse model and a rough mesh; a detailed mesh needs an NVIDIA GPU or the cloud.';
}

/** The environment every COLMAP process gets: headless Qt, and the bundled libraries first on PATH. */
export function colmapEnv(cmd: ColmapCommand, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // PASSIVE: OpenMP threads (Poisson, bundle adjustment) sleep instead of spinning while they wait,
  // which on a busy desktop otherwise turns 1 s of work into 20 s of wall time.
  const out: NodeJS.ProcessEnv = { OMP_WAIT_POLICY: 'PASSIVE', ...env, QT_QPA_PLATFORM: 'offscreen' };
  if (cmd.pathPrepend.length > 0) {
    const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
    out[key] = [...cmd.pathPrepend, env[key] ?? ''].join(path.delimiter);
  }
  return out;
}

async function probe(
  cmd: ColmapCommand,
  source: ColmapInfo['source'],
  env: NodeJS.ProcessEnv,
): Promise<ColmapInfo> {
  const [help, mesher] = await Promise.all([
    run(cmd, ['-h'], env),
    run(cmd, ['delaunay_mesher', '-h'], env).catch(() => ''),
  ]);
  const parsed = parseColmapHelp(help);
  if (!parsed) {
    throw new ToolError(
      `"${cmd.command}" ran but did not say which COLMAP version it is.`,
      'Point Settings at a COLMAP 3.6 or newer executable.',
      undefined,
      { detail: 'noVersion', params: { path: cmd.command } },
    );
  }
  const [major, minor] = parsed.version.split('.').map(Number);
  if (major !== KNOWN.major || (minor ?? 0) < KNOWN.minMinor) {
    throw new ToolError(
      `COLMAP ${parsed.version} at "${cmd.command}" is a version ScanBridge does not know (it needs 3.${KNOWN.minMinor} or a later 3.x).`,
      'Install a COLMAP 3.x release from colmap.github.io and set its path in Settings.',
      undefined,
      { detail: 'version', params: { version: parsed.version } },
    );
  }
  const cgal = mesher !== '' && !/requires CGAL/i.test(mesher);
  return {
    ...cmd,
    source,
    version: parsed.version,
    cuda: parsed.cuda,
    cgal,
    capabilities: describeCapabilities({ cuda: parsed.cuda, cgal }),
  };
}

function run(cmd: ColmapCommand, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd.command,
      args,
      { env: colmapEnv(cmd, env), timeout: 20_000, windowsHide: true },
      (err, stdout, stderr) => {
        const text = `${stdout}\n${stderr}`;
        const code = (err as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT')
          reject(
            new ToolError(
              `COLMAP was not found at "${cmd.command}".`,
              'Check the COLMAP path in Settings.',
              err,
              { detail: 'notAt', params: { path: cmd.command } },
            ),
          );
        else if (code === 'EACCES') {
          reject(
            new ToolError(
              `"${cmd.command}" is not executable.`,
              'Make it executable (chmod +x) or choose the COLMAP program itself in Settings.',
              err,
              { detail: 'notExecutable', params: { path: cmd.command } },
            ),
          );
        } else if (err && text.trim() === '')
          reject(
            new ToolError(`"${cmd.command}" failed to start: ${err.message}`, undefined, err, {
              detail: 'cannotStart',
              params: { path: cmd.command },
            }),
          );
        // `colmap -h` exits non-zero on some versions; what it printed is what counts.
        else resolve(text);
      },
    );
  });
}

async function fromUserPath(p: string, platform: NodeJS.Platform): Promise<ColmapCommand> {
  let st;
  try {
    st = await stat(p);
  } catch (e) {
    throw new ToolError(
      `The COLMAP path in Settings does not exist: "${p}".`,
      'Choose the COLMAP program (or its folder) again in Settings.',
      e,
      { detail: 'notAt', params: { path: p } },
    );
  }
  if (st.isDirectory()) {
    const cmd = await fromFolder(p, platform);
    if (!cmd)
      throw new ToolError(
        `No COLMAP program was found in "${p}".`,
        'Choose the COLMAP executable itself in Settings.',
        undefined,
        { detail: 'notAt', params: { path: p } },
      );
    return cmd;
  }
  if (/\.bat$/i.test(p))
    return fromFolder(path.dirname(p), platform).then((c) => c ?? { command: p, pathPrepend: [] });
  return { command: p, pathPrepend: [] };
}

/**
 * A folder holding COLMAP. The official Windows build is COLMAP.bat + bin/colmap.exe + lib/: Node
 * refuses to spawn .bat files without a shell (CVE-2024-27980), so we do what the .bat does — put lib/
 * and bin/ on PATH and run bin/colmap.exe directly.
 */
async function fromFolder(dir: string, platform: NodeJS.Platform): Promise<ColmapCommand | undefined> {
  const exe = platform === 'win32' ? 'colmap.exe' : 'colmap';
  for (const candidate of [
    path.join(dir, 'bin', exe),
    path.join(dir, exe),
    path.join(dir, 'COLMAP.app', 'Contents', 'MacOS', 'colmap'),
  ]) {
    if (await isFile(candidate)) {
      const pathPrepend = platform === 'win32' ? [path.join(dir, 'lib'), path.dirname(candidate)] : [];
      return { command: candidate, pathPrepend };
    }
  }
  return undefined;
}

async function searchPath(names: string[], env: NodeJS.ProcessEnv): Promise<ColmapCommand | undefined> {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  for (const dir of (env[key] ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const p = path.join(dir, name);
      if (await isFile(p)) {
        if (/\.bat$/i.test(name)) {
          const viaFolder = await fromFolder(dir, 'win32');
          if (viaFolder) return viaFolder;
          continue;
        }
        return { command: p, pathPrepend: [] };
      }
    }
  }
  return undefined;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
