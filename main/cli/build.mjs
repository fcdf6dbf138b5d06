#!/usr/bin/env node
/**
 * Bundles the `scanbridge` command to plain JavaScript (out/cli/), so the installed command never
 * compiles TypeScript at run time. Dependencies stay in node_modules; our code is bundled, and each
 * command is its own chunk so `scanbridge --version` loads only the argument parser.
 *
 *   node main/cli/build.mjs        (part of `npm run build`; bin.mjs runs it on first use too)
 */
import { readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const outDir = path.join(root, 'out', 'cli');

export async function buildCli({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  // Built beside and renamed into place: two first runs at once (parallel tests) never see half a build.
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { scanbridge: path.join(root, 'main', 'cli', 'entry.ts') },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Our code and the pure-JS dependencies in one bundle: resolving and compiling hundreds of small
    // modules (zod, commander…) cost more start-up time than running the command. Native or
    // wasm packages stay in node_modules, loaded only by the commands that use them.
    external: ['sharp', 'sql.js', 'electron'],
    minify: true,
    // Bundled CommonJS dependencies use require() and __filename (write-file-atomic names its temp
    // files with it); give each ESM output file its own.
    banner: {
      js: [
        "import { createRequire as __sbRequire } from 'node:module';",
        "import { fileURLToPath as __sbPath } from 'node:url';",
        'const require = __sbRequire(import.meta.url);',
        'const __filename = __sbPath(import.meta.url);',
      ].join(' '),
    },
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    define: { __SCANBRIDGE_VERSION__: JSON.stringify(pkg.version) },
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  await rm(outDir, { recursive: true, force: true });
  try {
    await rename(tmp, outDir);
  } catch {
    await rm(tmp, { recursive: true, force: true }); // another build got there first
  }
  return path.join(outDir, 'scanbridge.mjs');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = await buildCli();
  process.stdout.write(`built ${path.relative(root, file)}\n`);
}
