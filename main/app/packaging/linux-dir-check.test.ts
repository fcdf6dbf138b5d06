import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLayout, makeStandInElectron, readFuses } from './linux-dir-check.js';

// The checker's own logic, on hand-made folders (the real packaging run is the script itself).
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { createPackage(src: string, dest: string): Promise<void> };

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-layout-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(file: string, text = 'x') {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('stand-in Electron', () => {
  it('carries a fuse wire with Electron defaults that readFuses understands', () => {
    makeStandInElectron(tmp);
    const fuses = readFuses(path.join(tmp, 'electron'));
    expect(fuses).toMatchObject({
      RunAsNode: true,
      EnableNodeOptionsEnvironmentVariable: true,
      OnlyLoadAppFromAsar: false,
    });
    expect(fs.statSync(path.join(tmp, 'electron')).mode & 0o111).not.toBe(0);
  });
});

describe('checkLayout', () => {
  it('reports sources, maps, tests, missing parts and unflipped fuses', async () => {
    const app = path.join(tmp, 'src');
    write(path.join(app, 'package.json'), '{}');
    write(path.join(app, 'out/main/index.js'));
    write(path.join(app, 'out/main/index.js.map'));
    write(path.join(app, 'out/main/window.test.js'));
    write(path.join(app, 'main/app/index.ts'));
    write(path.join(app, 'node_modules/react/package.json'), '{}');
    const outDir = path.join(tmp, 'linux-unpacked');
    fs.mkdirSync(path.join(outDir, 'resources'), { recursive: true });
    await asar.createPackage(app, path.join(outDir, 'resources/app.asar'));
    makeStandInElectron(path.join(tmp, 'dist'));
    fs.copyFileSync(path.join(tmp, 'dist/electron'), path.join(outDir, 'scanbridge'));

    const report = checkLayout(outDir);
    const text = report.problems.join('\n');
    expect(text).toContain('lacks /out/preload/index.cjs');
    expect(text).toContain('source map shipped: /out/main/index.js.map');
    expect(text).toContain('test file shipped: /out/main/window.test.js');
    expect(text).toContain('unexpected top-level entry /main');
    expect(text).toContain('react is shipped');
    expect(text).toContain('resources/colmap is missing');
    expect(text).toContain('fuse RunAsNode is true, want false');
    expect(report.asarBytes).toBeGreaterThan(0);
  });
});
