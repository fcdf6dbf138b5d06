import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainBundle } from './ui.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-bundle-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'assets', 'index.js'), 'x'.repeat(1000));
  await writeFile(path.join(dir, 'assets', 'index.css'), 'y'.repeat(200));
  await writeFile(path.join(dir, 'assets', 'Lazy.js'), 'z'.repeat(5000));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the UI bench's main bundle", () => {
  it('counts what index.html loads, with relative ("./", electron-vite) or absolute ("/") URLs', async () => {
    for (const prefix of ['./', '/']) {
      await writeFile(
        path.join(dir, 'index.html'),
        `<script type="module" src="${prefix}assets/index.js"></script><link rel="stylesheet" href="${prefix}assets/index.css">`,
      );
      expect(mainBundle(dir).bytes).toBe(1200); // the lazy chunk is not loaded at start
    }
  });

  it('fails instead of reporting 0 bytes when it finds nothing', async () => {
    await writeFile(path.join(dir, 'index.html'), '<script src="https://elsewhere/x.js"></script>');
    expect(() => mainBundle(dir)).toThrow(/no script or stylesheet/);
  });
});
