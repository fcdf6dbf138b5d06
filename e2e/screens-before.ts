/**
 * The "before" screenshots (docs/screens/before/): the walk of e2e/tour.ts (ScanBridge after issue 14)
 * as far as this older UI allows it; a step it cannot do is skipped and named in the output. It is
 * named *.ts, not *.spec.ts, so CI never runs it here. To redo the pictures: `git archive b4583dd` (main
 * before the first issue-14 commit) into a folder, link this repo's node_modules there, copy this
 * file there as e2e/screens-before.spec.ts together with the real photo set it walks with
 * (e2e/scan-set.ts, main/core/local/testing/{planted,synth}.ts, main/core/testing/png.ts) and run
 * SCREENS_OUT=<this repo>/docs/screens/before npx playwright test -c e2e/playwright.config.ts
 * screens-before.spec.ts
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { GOOD_TOKEN, expect, test, type World } from './fixtures.js';
import { makeScanSet } from './scan-set.js';

const OUT = process.env.SCREENS_OUT!;
const MAX_HEIGHT = 1400;

async function capture(page: Page, file: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const png = await page.screenshot({
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: Math.min(height, MAX_HEIGHT) },
    animations: 'disabled',
    caret: 'hide',
  });
  await fs.mkdir(path.dirname(file), { recursive: true });
  await sharp(png).png({ palette: true, quality: 85, effort: 8, compressionLevel: 9 }).toFile(file);
}

type L = Record<string, string>;
const EN: L = {
  dialog: 'Connect to the OpenScan Cloud',
  token: 'Token',
  path: 'Folder or zip path',
  browse: 'Browse…',
  close: 'Close',
  review: 'Review',
  upload: 'Upload',
  projects: 'Projects',
  preview: 'Preview',
  settings: 'Settings',
  log: 'Log',
  done: 'Done',
  uploading: 'Uploading',
};

async function walk(page: Page, world: World, l: L, stop: (name: string) => Promise<void>) {
  const soft = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      await stop(name);
    } catch (e) {
      console.log(`skipped ${name}: ${(e as Error).message.split('\n')[0]}`);
    }
  };
  const setDir = path.join(world.dir, 'Owl');
  // The same real photos as the tour (and the same files the review leaves out).
  await makeScanSet(setDir);
  await fs.writeFile(path.join(setDir, 'notes.jpg'), 'shot list\n');
  await fs.writeFile(path.join(setDir, 'scan.tif'), Buffer.from('II*\0\x08\0\0\0', 'latin1'));
  await fs.writeFile(path.join(setDir, '.DS_Store'), Buffer.alloc(16));
  world.web.runtime.settings.update({
    profiles: [{ name: 'Lab node', kind: 'nodeodm', endpoint: 'http://192.168.1.20:3000' }],
  } as never);
  const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
  await page.goto(world.web.pageUrl);
  const dialog = page.getByRole('dialog').first();
  await soft('token-dialog', () => expect(dialog).toBeVisible());
  await soft('token-saved', async () => {
    await dialog.getByLabel(l.token!, { exact: true }).fill(GOOD_TOKEN);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('token-info')).toBeVisible();
  });
  await soft('home', async () => {
    await page.keyboard.press('Escape');
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: l.close }).first().click();
    await expect(dialog).toBeHidden();
  });
  await soft('browser', async () => {
    await page.getByLabel(l.path!).fill(path.join(world.dir, 'no-such-folder'));
    await page.getByRole('button', { name: l.browse }).click();
    await page.waitForTimeout(1500);
  });
  await page.keyboard.press('Escape');
  const closeBrowser = page.getByRole('button', { name: l.close, exact: true });
  if (await closeBrowser.first().isVisible()) await closeBrowser.first().click();
  await soft('review', async () => {
    await page.getByLabel(l.path!).fill(setDir);
    await page.getByRole('button', { name: l.review, exact: true }).click();
    await expect(page.getByTestId('review-summary')).toBeVisible();
    // The thumbnails as this version shows them once they are loaded (each cell asks for its own).
    await expect(page.locator('.thumb img')).toHaveCount(14, { timeout: 30_000 });
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.thumb img')).every((i) => i.complete),
    );
  });
  world.web.runtime.settings.update({ bandwidthCapMBps: 0.4 });
  await soft('queue', async () => {
    await page.getByRole('button', { name: l.upload }).first().click();
    await expect(page.getByTestId('job')).toBeVisible();
    await expect(page.getByTestId('job-state')).toContainText(l.uploading!);
  });
  world.web.runtime.settings.update({ bandwidthCapMBps: 0 });
  await soft('projects', async () => {
    await nav(l.projects!).click();
    await expect(page.getByTestId('project-status').first()).toContainText(l.done!, { timeout: 60_000 });
  });
  await soft('preview', async () => {
    await page.getByRole('button', { name: l.preview }).first().click();
    await expect(page.getByTestId('preview-status').or(page.getByTestId('preview-no-webgl'))).toBeVisible({
      timeout: 30_000,
    });
    await page.waitForTimeout(1000);
  });
  await page.keyboard.press('Escape');
  const closePreview = page.getByRole('button', { name: l.close, exact: true });
  if (await closePreview.first().isVisible()) await closePreview.first().click();
  await soft('settings', () => nav(l.settings!).click());
  await soft('log', () => nav(l.log!).click());
}

const DE: L = {
  dialog: '',
  token: 'Token',
  path: 'Pfad zu Ordner oder Zip',
  browse: 'Durchsuchen…',
  close: 'Schließen',
  review: 'Prüfen',
  upload: 'Hochladen',
  projects: 'Projekte',
  preview: 'Vorschau',
  settings: 'Einstellungen',
  log: 'Protokoll',
  done: 'Fertig',
  uploading: 'Wird hochgeladen',
};

const VARIANTS = [
  { name: 'en-light', lang: 'en', scheme: 'light', l: EN },
  { name: 'en-dark', lang: 'en', scheme: 'dark', l: EN },
  { name: 'de-light', lang: 'de', scheme: 'light', l: DE },
  { name: 'de-dark', lang: 'de', scheme: 'dark', l: DE },
] as const;

test.use({ viewport: { width: 1280, height: 800 } });
for (const v of VARIANTS) {
  test(`before: every screen, ${v.name}`, async ({ page, world }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: v.scheme });
    world.web.runtime.settings.update({ locale: v.lang });
    await walk(page, world, v.l, (stop) => capture(page, path.join(OUT, `${v.name}-${stop}.png`)));
  });
}
