/**
 * Runs the BUILT `scanbridge upload` as people run it (a child process, start-up included) under GNU
 * time for its peak RSS and file-system writes, against the cloud facade whose links are the sink.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface CliRunResult {
  spawnedAt: number;
  wallMs: number;
  peakRssMB: number;
  /** Bytes the process wrote to files (GNU time's %O × 512): the journal only, no temp files. */
  writeBytes: number;
  /**
   * Bytes left in files that are neither the journal nor settings/secrets: in the run's own TMPDIR and
   * in its data folder. A temporary zip or part files would show here; the target is 0.
   */
  tempBytes: number;
  cpuSeconds: number;
  json: {
    parts: number;
    bytes: number;
    state: string;
    uploadSeconds: number | null;
    unverifiedParts: unknown;
  };
}

export async function runCliUpload(
  cli: string,
  args: { dir: string; endpoint: string; concurrency: number; extra?: string[] },
): Promise<CliRunResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-cli-'));
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-tmp-'));
  try {
    return await new Promise<CliRunResult>((resolve, reject) => {
      const spawnedAt = Date.now();
      const child = spawn(
        '/usr/bin/time',
        [
          '-f',
          'BENCH-TIME %M %O %U %S',
          process.execPath,
          cli,
          '--endpoint',
          args.endpoint,
          '--data-dir',
          dataDir,
          '--json',
          'upload',
          args.dir,
          '--concurrency',
          String(args.concurrency),
          ...(args.extra ?? []),
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            TMPDIR: tmpDir,
            SCANBRIDGE_TOKEN: 'bench-token-0123456789',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', async (code) => {
        const wallMs = Date.now() - spawnedAt;
        const tempBytes = (await bytesUnder(tmpDir)) + (await bytesUnder(dataDir, KEPT));
        const m = /BENCH-TIME (\d+) (\d+) ([\d.]+) ([\d.]+)/.exec(err);
        if (code !== 0 || !m)
          return reject(
            new Error(`scanbridge upload exited ${code}: ${err.slice(-2000)} ${out.slice(-2000)}`),
          );
        resolve({
          spawnedAt,
          wallMs,
          peakRssMB: Math.round(Number(m[1]) / 102.4) / 10,
          writeBytes: Number(m[2]) * 512,
          tempBytes,
          cpuSeconds: Number(m[3]) + Number(m[4]),
          json: JSON.parse(out.trim().split('\n').pop() ?? '{}'),
        });
      });
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** What a data folder is meant to hold after an upload: the journal, settings, secrets, the lock. */
const KEPT = /^(jobs|secrets|settings\.json|.*\.lock|lock)$/;

async function bytesUnder(dir: string, skip?: RegExp): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (skip?.test(e.name)) continue;
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? await bytesUnder(p) : (await stat(p).catch(() => ({ size: 0 }))).size;
  }
  return n;
}

/** `scanbridge --version` as people run it: wall time from spawn to exit and peak RSS (GNU time). */
export function runCliVersion(cli: string): Promise<{ wallMs: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'BENCH-TIME %M', process.execPath, cli, '--version'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /BENCH-TIME (\d+)/.exec(err);
      if (code !== 0 || !m) return reject(new Error(`scanbridge --version exited ${code}: ${err}`));
      resolve({ wallMs: performance.now() - t0, peakRssMB: Math.round(Number(m[1]) / 102.4) / 10 });
    });
  });
}
