/**
 * Per-test world: a cloud stub with known tokens, web mode (runtime + bridge) on port 0 with a temp
 * data dir, and a generated photo set. Everything is closed after the test.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { startCloudStub, type CloudStub } from '../server-stub/cloud/index.js';
import { startWebMode, type WebMode } from '../main/web.js';
import type { PlatformPort } from '../main/core/service/index.js';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';

export const GOOD_TOKEN = 'e2e-private-token-5f3a9c';
export const TINY_TOKEN = 'e2e-tiny-token-000001';

export interface World {
  dir: string;
  stub: CloudStub;
  web: WebMode;
  downloads: string;
}

export const test = base.extend<{ world: World; desktopPlatform: PlatformPort | undefined }>({
  /** `test.use({ desktopPlatform })`: the desktop app's open with / reveal, recorded (web mode has none). */
  desktopPlatform: [undefined, { option: true }],
  world: async ({ desktopPlatform }, use) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-e2e-'));
    const stub = await startCloudStub({
      tokens: [{ token: GOOD_TOKEN }, { token: TINY_TOKEN, limit_photos: 5, limit_filesize: 10_000_000 }],
      publicToken: 'public',
      schedule: { startedAfterMs: 300, doneAfterMs: 1500 },
      dlinkStyle: 'wrapped',
    });
    const downloads = path.join(dir, 'downloads');
    const web = await startWebMode({
      dataDir: path.join(dir, 'data'),
      endpoint: stub.url,
      publicToken: 'public',
      poll: { firstMs: 200, maxMs: 500 },
      ...(desktopPlatform ? { platform: desktopPlatform } : {}),
    });
    web.runtime.settings.update({ downloadDir: downloads });
    await use({ dir, stub, web, downloads });
    await web.close();
    await stub.close();
    await fs.rm(dir, { recursive: true, force: true });
  },
});

export { expect };

/**
 * A full-page screenshot for people to look at, attached to the running test as a PNG (the report
 * lists it by name; the file is the test's `attachments/<name>-<sha1>.png` under test-results/e2e/).
 */
export async function screen(page: Page, name: string, info: TestInfo = test.info()): Promise<void> {
  // Taken to a scratch file that attach copies into the test's folder: one copy of each picture.
  const file = info.outputPath(`.${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
  await fs.rm(file, { force: true });
}

/** Token set, a small set uploaded to the stub through the (English) UI, the job Done on Projects. */
export async function finishedJob(page: Page, world: World, name = 'Cube') {
  await world.web.runtime.secrets.set(GOOD_TOKEN);
  const setDir = path.join(world.dir, name);
  await makePhotoSet(setDir, { count: 8, bytesEach: 60_000, seed: 3 });
  await page.goto(world.web.pageUrl);
  await page.getByLabel('Folder or zip path').fill(setDir);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.getByRole('button', { name: 'Projects' }).click();
  const row = page.getByTestId('project-row');
  await expect(row.getByTestId('project-status')).toContainText('Done', { timeout: 60_000 });
  return row;
}
