/**
 * Scan timing on generated sets (not a test): `npx tsx main/core/photos/testing/bench-scan.ts [dir]`.
 * Prints one JSON object: per set, files, bytes, cold-ish and warm wall time and CPU milliseconds.
 * Sets are written once into `dir` (default: a temp dir, removed afterwards).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { scanSources } from '../scan.js';
import { makePhotoSet } from './make-set.js';

async function zipOf(files: string[], out: string): Promise<void> {
  const z = new yazl.ZipFile();
  for (const f of files) z.addFile(f, path.basename(f), { compress: false });
  z.end();
  await new Promise<void>((resolve, reject) => {
    z.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
  });
}

async function time(paths: string[]): Promise<{ ms: number; cpuMs: number; photos: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await scanSources(paths);
  const cpu = process.cpuUsage(cpu0);
  return {
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    photos: r.photos.length,
  };
}

const own = process.argv[2] === undefined;
const root = process.argv[2] ?? (await mkdtemp(path.join(os.tmpdir(), 'sb-bench-scan-')));
const sets = [
  { name: '120x8.5MB', count: 120, bytesEach: 8_500_000 },
  { name: '250x8MB', count: 250, bytesEach: 8_000_000 },
  { name: '1000x1MB', count: 1000, bytesEach: 1_000_000 },
];
const results: Record<string, unknown> = {};
try {
  for (const s of sets) {
    const dir = path.join(root, s.name);
    const files = await makePhotoSet(dir, { count: s.count, bytesEach: s.bytesEach, seed: s.name });
    const first = await time([dir]);
    const warm = await time([dir]);
    const zip = path.join(root, `${s.name}.zip`);
    await zipOf(files, zip);
    const zipWarm = (await time([zip]), await time([zip]));
    results[s.name] = {
      files: s.count,
      bytes: s.count * s.bytesEach,
      folder: { first, warm },
      zip: { warm: zipWarm },
    };
  }
  console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, results }, null, 2));
} finally {
  if (own) await rm(root, { recursive: true, force: true });
}
