/**
 * UI benchmark: runs the Playwright perf scenario (a 1,000-photo set in the review grid, with
 * the pre-flight check running as it does for a person) in Debian's Chromium and returns the numbers it measured: time to the first
 * thumbnail, frame times while scrolling (a read-along scroll with thumbnails arriving, then a brisk
 * flick: `frames` is the flick, the number the target is about) — and the size of the main
 * bundle (every script, module preload and stylesheet the page loads before anything is lazy-loaded;
 * the 3D preview's chunk is not in it). Target: at most 0.8 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../out/renderer');

/** The files index.html loads at start, with their sizes (the perf scenario has just built them). */
export function mainBundle(dir = rendererDir): { bytes: number; files: Record<string, number> } {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  // "/assets/…" (web build) or "./assets/…" (electron-vite's relative build, which web mode serves too).
  const refs = [...html.matchAll(/(?:src|href)="(?:\.?\/)([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  if (refs.length === 0) throw new Error(`no script or stylesheet found in ${path.join(dir, 'index.html')}`);
  const files = Object.fromEntries(refs.map((r) => [r, fs.statSync(path.join(dir, r)).size]));
  return { bytes: Object.values(files).reduce((a, b) => a + b, 0), files };
}

export async function runUiBench(): Promise<unknown> {
  // Frame times on 2 shared cores measure the neighbours too: say how busy the machine was.
  const loadBefore = os.loadavg();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      'npx',
      ['playwright', 'test', '-c', 'e2e/playwright.config.ts', 'e2e/perf.spec.ts', '--reporter=line'],
      {
        env: process.env,
      },
    );
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(text)
        : reject(new Error(`the perf scenario failed (exit ${code}):\n${text.slice(-2000)}`)),
    );
  });
  const line = out.split('\n').find((l) => l.includes('perf: {'));
  if (!line) throw new Error('the perf scenario printed no numbers');
  const perf = JSON.parse(line.slice(line.indexOf('perf: ') + 'perf: '.length)) as Record<string, unknown>;
  const bundle = mainBundle();
  return {
    ...perf,
    targets: { firstThumbMs: 300, scrollP95Ms: 33, mainBundleMB: 0.8 },
    loadAvg1m: { before: loadBefore[0], after: os.loadavg()[0] },
    mainBundleBytes: bundle.bytes,
    mainBundleMB: bundle.bytes / 1e6,
    mainBundleFiles: bundle.files,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runUiBench().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
