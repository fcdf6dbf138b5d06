/**
 * Runs a bench child as its own process and measures it from outside. Children are bundled with
 * esbuild into bench/.data/ so startup is node's, not the TypeScript loader's (tsx is the fallback).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function bundleChild(src: string, outDir: string): Promise<string[]> {
  const out = join(outDir, src.replace(/^.*[\\/]/, '').replace(/\.ts$/, '.mjs'));
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [src],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'error',
      packages: 'external',
    });
    if (existsSync(out)) return [out];
  } catch {
    // esbuild is a dev-time transitive dependency; without it, run the TypeScript through tsx.
  }
  return ['--import', 'tsx', src];
}

export interface ChildRun<T> {
  spawnedAt: number;
  wallMs: number;
  result: T;
}

export function runChild<T>(nodeArgs: string[], arg: unknown): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [...nodeArgs, JSON.stringify(arg)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Date.now() - spawnedAt;
      if (code !== 0) return reject(new Error(`bench child failed (${code}): ${err.slice(0, 2000)}`));
      try {
        resolve({ spawnedAt, wallMs, result: JSON.parse(out.trim().split('\n').pop() ?? '') as T });
      } catch {
        reject(new Error(`bench child printed no JSON: ${out.slice(0, 500)} ${err.slice(0, 500)}`));
      }
    });
  });
}
