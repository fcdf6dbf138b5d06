#!/usr/bin/env node
// The `scanbridge` command: runs the compiled CLI (out/cli/scanbridge.mjs, made by `npm run build`).
// From a fresh clone without a build, it compiles it once first (esbuild, a dev dependency).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const built = path.join(here, '..', '..', 'out', 'cli', 'scanbridge.mjs');
if (!existsSync(built)) {
  process.stderr.write('scanbridge: compiling the command once (npm run build does this too)…\n');
  const { buildCli } = await import('./build.mjs');
  await buildCli({ quiet: true });
}
await import(pathToFileURL(built).href);
