/**
 * UI benchmark: runs the Playwright perf scenario (a 1,000-photo set in the review grid, an upload
 * with live progress) in Debian's Chromium and returns the numbers it measured: time to the first
 * thumbnails, frame times while scrolling, progress events per second.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

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
  return JSON.parse(line.slice(line.indexOf('perf: ') + 'perf: '.length));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runUiBench().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
