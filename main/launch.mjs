#!/usr/bin/env node
// `npm start`: builds the UI when it is missing or older than its sources, then runs the desktop app
// (Electron, where its binary is installed) or, otherwise, web mode in the browser.
//   npm start -- [--web] [--demo] [--port N] [--no-open]
// Plain JavaScript so it runs before anything is built. Child processes never go through a shell.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function webUiIsStale() {
  const built = path.join(root, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'renderer')),
    newestMtime(path.join(root, 'preload', 'contract')),
  );
  return sources > fs.statSync(built).mtimeMs;
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`ScanBridge: "${path.basename(cmd)} ${argv.join(' ')}" failed.`);
    process.exit(r.status ?? 1);
  }
}

/** The Electron binary's path when the npm package and its downloaded binary are both present. */
function electronBinary() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = forceWeb ? undefined : electronBinary();
if (electron) {
  if (!fs.existsSync(path.join(root, 'out', 'main')) || webUiIsStale()) {
    run(process.execPath, [
      path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
    ]);
  }
  forward(spawn(electron, [root, ...args.filter((a) => a !== '--no-open')], { cwd: root, stdio: 'inherit' }));
} else {
  if (!forceWeb)
    console.log('ScanBridge: no Electron binary installed here, so it runs in your browser (web mode).');
  if (webUiIsStale()) {
    run(process.execPath, [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ]);
  }
  forward(
    spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'web.ts'), ...args], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
}
