/**
 * Packages the Linux `dir` target with a stand-in Electron (no binary download: none is possible
 * here) and checks the layout users would get: app.asar with only the built app and production
 * dependencies, no sources/tests/source maps, resources/colmap, and the release fuses flipped.
 *
 *   npm run build && npx tsx main/app/packaging/linux-dir-check.ts [--keep]
 *
 * The stand-in is a shell script carrying Electron's fuse sentinel and a v1 fuse wire with
 * Electron's default states, so electron-builder's @electron/fuses step runs for real on it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's default wire: RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol. */
const DEFAULT_WIRE = '10110001';
const FUSE_NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;

export function makeStandInElectron(dir: string): void {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
  ]);
  fs.writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in electron"\nexit 0\n# '), wire, Buffer.from('\n')]),
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), 'stand-in');
  fs.writeFileSync(
    path.join(dir, 'version'),
    (require('electron/package.json') as { version: string }).version,
  );
}

export function readFuses(binary: string): Record<string, boolean> {
  const buf = fs.readFileSync(binary);
  const at = buf.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('No fuse sentinel in the packaged binary.');
  const len = buf[at + FUSE_SENTINEL.length + 1] ?? 0;
  const out: Record<string, boolean> = {};
  for (let i = 0; i < len && i < FUSE_NAMES.length; i++)
    out[FUSE_NAMES[i]!] = buf[at + FUSE_SENTINEL.length + 2 + i] === 0x31;
  return out;
}

export interface LayoutReport {
  problems: string[];
  asarBytes: number;
  totalBytes: number;
  asarFiles: number;
  unpacked: string[];
  fuses: Record<string, boolean>;
}

function dirSize(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((s, e) => s + dirSize(path.join(p, e)), 0);
}

/** Where a packaged app keeps its resources and its fuse wire (defaults: the Linux layout). */
export interface AppLayout {
  resourcesDir?: string;
  fuseBinary?: string;
}

export function checkLayout(appOutDir: string, layout: AppLayout = {}): LayoutReport {
  const asar = require('@electron/asar') as { listPackage(p: string, o: { isPack: boolean }): string[] };
  const problems: string[] = [];
  const res = layout.resourcesDir ?? path.join(appOutDir, 'resources');
  const asarPath = path.join(res, 'app.asar');
  if (!fs.existsSync(asarPath))
    return {
      problems: ['resources/app.asar is missing'],
      asarBytes: 0,
      totalBytes: 0,
      asarFiles: 0,
      unpacked: [],
      fuses: {},
    };
  const entries = asar.listPackage(asarPath, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  const has = (p: string) => entries.includes(p);
  for (const p of [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ]) {
    if (!has(p)) problems.push(`app.asar lacks ${p}`);
  }
  for (const dep of ['zod', 'write-file-atomic', 'electron-store', 'yauzl']) {
    if (!has(`/node_modules/${dep}/package.json`))
      problems.push(`app.asar lacks the production dependency ${dep}`);
  }
  const tops = new Set(entries.map((e) => e.split('/')[1]));
  for (const t of tops)
    if (!['out', 'node_modules', 'package.json'].includes(t ?? ''))
      problems.push(`unexpected top-level entry /${t}`);
  const files = entries.filter((e) => /\.[a-z0-9]+$/i.test(e));
  for (const e of files) {
    if (e.endsWith('.map')) problems.push(`source map shipped: ${e}`);
    else if (/\.(test|spec)\.[cm]?[jt]s$/.test(e)) problems.push(`test file shipped: ${e}`);
    else if (e.startsWith('/out/') && /\.tsx?$/.test(e)) problems.push(`TypeScript source shipped: ${e}`);
  }
  for (const dep of ['react', 'three', 'electron', 'tsx', 'esbuild', 'vitest', 'typescript']) {
    if (has(`/node_modules/${dep}/package.json`))
      problems.push(`${dep} is shipped but not needed at run time`);
  }
  if (!fs.existsSync(path.join(res, 'colmap'))) problems.push('resources/colmap is missing');
  const unpackedDir = path.join(res, 'app.asar.unpacked');
  const unpacked = fs.existsSync(unpackedDir)
    ? fs.readdirSync(unpackedDir, { recursive: true }).map(String)
    : [];
  for (const e of files.filter((f) => f.endsWith('.node'))) {
    if (!fs.existsSync(path.join(unpackedDir, e))) problems.push(`native module not unpacked: ${e}`);
  }
  const binary = layout.fuseBinary ?? path.join(appOutDir, 'scanbridge');
  let fuses: Record<string, boolean> = {};
  try {
    fuses = readFuses(binary);
    const want = {
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      EnableCookieEncryption: true,
    };
    for (const [k, v] of Object.entries(want))
      if (fuses[k] !== v) problems.push(`fuse ${k} is ${String(fuses[k])}, want ${v}`);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return {
    problems,
    asarBytes: fs.statSync(asarPath).size,
    totalBytes: dirSize(appOutDir),
    asarFiles: files.length,
    unpacked,
    fuses,
  };
}

export function packageLinuxDir(
  outDir: string,
  electronDist: string,
): { ok: boolean; log: string; appOutDir: string } {
  const cli = require.resolve('electron-builder/cli.js');
  const r = spawnSync(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${outDir}`,
      // The feed's owner/repo come from the checkout's GitHub origin (or the release workflow's flags);
      // a layout check from any clone names them, so it never depends on where the clone came from.
      '-c.publish.owner=scanbridge-layout-check',
      '-c.publish.repo=scanbridge',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  );
  return {
    ok: r.status === 0,
    log: `${r.stdout ?? ''}${r.stderr ?? ''}`,
    appOutDir: path.join(outDir, 'linux-unpacked'),
  };
}

async function main(): Promise<void> {
  for (const p of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, p))) throw new Error(`${p} is missing: run \`npm run build\` first.`);
  }
  // A sandboxed preload can require nothing but 'electron': everything else must be bundled in.
  const preload = fs.readFileSync(path.join(root, 'out/preload/index.cjs'), 'utf8');
  const requires = [...new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))];
  if (requires.some((r) => r !== 'electron'))
    throw new Error(
      `out/preload/index.cjs requires ${requires.join(', ')}: only 'electron' works in a sandbox.`,
    );
  console.log(
    `preload: ${(preload.length / 1000).toFixed(0)} kB, requires ${requires.join(', ') || 'nothing'}`,
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-pack-'));
  try {
    const dist = path.join(tmp, 'electron-dist');
    makeStandInElectron(dist);
    const t0 = Date.now();
    const built = packageLinuxDir(path.join(tmp, 'dist'), dist);
    if (!built.ok) throw new Error(`electron-builder failed:\n${built.log}`);
    const report = checkLayout(built.appOutDir);
    console.log(`packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    console.log(
      `app.asar: ${(report.asarBytes / 1e6).toFixed(2)} MB, ${report.asarFiles} files; app folder (stand-in Electron): ${(report.totalBytes / 1e6).toFixed(2)} MB`,
    );
    const native = report.unpacked.filter((f) => f.endsWith('.node'));
    console.log(
      `unpacked: ${report.unpacked.length} entries; native modules: ${native.length === 0 ? 'none' : native.join(', ')}`,
    );
    console.log(`fuses: ${JSON.stringify(report.fuses)}`);
    if (report.problems.length > 0) {
      console.error(`Layout problems:\n- ${report.problems.join('\n- ')}`);
      process.exitCode = 1;
    } else console.log('layout OK');
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
