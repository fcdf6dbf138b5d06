/**
 * UI benchmark: runs the Playwright perf scenario (a 1,000-photo set in the review grid, an upload
 * with live progress) in Debian's Chromium and returns the numbers it measured: time to the first
 * thumbnails, frame times while scrolling, progress events per second — and the size of the main
 * bundle (every script, module preload and stylesheet the page loads before anything is lazy-loaded;
 * the 3D preview's chunk is not in it). Target: at most 0.8 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../out/renderer');

/** The files index.html loads at start, with their sizes (the perf scenario has just built them). */
export function mainBundle(dir = rendererDir): { bytes: number; files: Record<string, number> } {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files = Object.fromEntries(refs.map((r) => [r, fs.statSync(path.join(dir, r)).size]));
  return { bytes: Object.values(files).reduce((a, b) => a + b, 0), files };
}

export async function runUiBench(): Promise<unknown> {
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
    mainBundleBytes: bundle.bytes,
    mainBundleMB: bundle.bytes / 1e6,
    mainBundleFiles: bundle.files,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runUiBench().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
