/**
 * Builds the web UI once when out/renderer is missing or older than its sources (CI runs `npm run
 * build` first, so this is usually a no-op) and fails loudly when Chromium is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return n;
}

export default function globalSetup(): void {
  if (!fs.existsSync('/usr/bin/chromium')) {
    throw new Error('Chromium is missing: apt-get install chromium (the e2e tests need it).');
  }
  const built = path.join(root, 'out', 'renderer', 'index.html');
  const stale =
    !fs.existsSync(built) ||
    Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'main', 'contract'))) >
      fs.statSync(built).mtimeMs;
  if (stale) {
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('Building the web UI failed.');
  }
}
