import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './core/settings/data-dir.js';
import { defaultWebDataDir, parseWebArgs, startWebMode } from './web.js';

describe('web mode', () => {
  it('parses the start options and refuses unknown ones', () => {
    expect(parseWebArgs(['--web', '--demo', '--port', '8123', '--no-open'])).toEqual({
      port: 8123,
      open: false,
      demo: true,
    });
    expect(parseWebArgs(['--port=0'])).toEqual({ port: 0, open: true, demo: false });
    expect(() => parseWebArgs(['--port', 'abc'])).toThrow(/--port needs a number/);
    expect(() => parseWebArgs(['--bogus'])).toThrow(/Unknown option/);
    expect(defaultWebDataDir({ SCANBRIDGE_DATA_DIR: '/x/y' })).toBe('/x/y');
    expect(defaultWebDataDir({})).toBe(defaultDataDir({}));
  });

  it('--demo: an offline cloud, a private token and a sample set, all cleaned up on close', async () => {
    const staticDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-web-static-'));
    await fs.writeFile(path.join(staticDir, 'index.html'), '<html></html>');
    const web = await startWebMode({ demo: true, staticDir });
    try {
      expect(web.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?s=[\w-]{20,}$/);
      const token = await web.service.getTokenStatus();
      expect(token).toMatchObject({ hasToken: true, kind: 'private', info: { limit_photos: 1000 } });
      expect((await fs.readdir(web.sampleDir!)).filter((f) => f.endsWith('.png'))).toHaveLength(40);
      const review = await web.service.scanPaths([web.sampleDir!]);
      expect(review.photoCount).toBe(40);
      expect(review.limits.ok).toBe(true);
      expect((await web.service.getCloudOverview()).online).toBe(true);
      expect(await web.service.usePublicToken()).toMatchObject({ kind: 'public' });
    } finally {
      await web.close();
      await fs.rm(staticDir, { recursive: true, force: true });
    }
    await expect(fs.stat(web.sampleDir!)).rejects.toThrow();
  });
});
