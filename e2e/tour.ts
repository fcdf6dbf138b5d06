/**
 * One walk through every screen, dialog and menu of the app, in any language: the German check, the
 * pseudo-locale check and the screenshot script all take the same walk and do their own thing at each
 * stop. Labels come from the catalogue through `tr`, so the walk works in whatever language it runs in.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { GOOD_TOKEN, expect, type World } from './fixtures.js';
import { makeScanSet } from './scan-set.js';

/** A catalogue lookup: the string for `key` (params filled in), or a pattern when params are unknown. */
export interface Tr {
  (key: string, params?: Record<string, unknown>): string;
  /** The string with every {{placeholder}} matching anything. */
  pattern(key: string): RegExp;
}

export function translator(catalogue: object, transform: (s: string) => string = (s) => s): Tr {
  const template = (key: string): string => {
    const v = key
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], catalogue);
    if (typeof v !== 'string') throw new Error(`No catalogue string ${key}`);
    return transform(v);
  };
  const tr = ((key, params = {}) =>
    template(key).replace(/\{\{(\w+)\}\}/g, (m, p: string) => (p in params ? String(params[p]) : m))) as Tr;
  tr.pattern = (key) =>
    new RegExp(
      template(key)
        .split(/\{\{\w+\}\}/)
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+?'),
    );
  return tr;
}

/** What a stop may show that is not ours to translate (file, node and project names, paths). */
export type Stop = (name: string, userData: string[]) => Promise<void>;

export interface TourOptions {
  /** Appended to the page URL (e.g. '&lang=en-XA'). */
  query?: string;
  /**
   * Hold the upload long enough for the queue stop to show it running (a bandwidth cap, MB/s; the
   * set is ~0.8 MB, so 0.4 holds it ~2 s). Default 0.4; 0: no cap (the queue may show any state).
   */
  slowUploadMBps?: number;
}

export const SET_NAME = 'Owl';
export const NODE_NAME = 'Lab node';
const SKIPPED = ['notes.jpg', 'scan.tif', '.DS_Store'];

export async function tour(
  page: Page,
  world: World,
  tr: Tr,
  stop: Stop,
  opts: TourOptions = {},
): Promise<void> {
  const setDir = path.join(world.dir, SET_NAME);
  // Real photos of a ring around an object: one blurred, two of another object (scan-set.ts).
  const set = await makeScanSet(setDir);
  // Files the review leaves out, each for its own reason: text named .jpg, a TIFF, a macOS settings file.
  await fs.writeFile(path.join(setDir, 'notes.jpg'), 'shot list\n');
  await fs.writeFile(path.join(setDir, 'scan.tif'), Buffer.from('II*\0\x08\0\0\0', 'latin1'));
  await fs.writeFile(path.join(setDir, '.DS_Store'), Buffer.alloc(16));
  world.web.runtime.settings.update({
    profiles: [{ name: NODE_NAME, kind: 'nodeodm', endpoint: 'http://192.168.1.20:3000' }],
  });
  const nav = (key: string) =>
    page.getByRole('navigation').getByRole('button', { name: tr(key), exact: true });

  // First run: the token dialog.
  await page.goto(world.web.pageUrl + (opts.query ?? ''));
  const dialog = page.getByRole('dialog', { name: tr('token.title') });
  await expect(dialog).toBeVisible();
  const names = [NODE_NAME, world.dir, world.stub.url];
  await stop('token-dialog', names);
  await dialog.getByLabel(tr('token.label'), { exact: true }).fill(GOOD_TOKEN);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('token-info')).toBeVisible();
  await stop('token-saved', names);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await stop('home', names);

  // The folder browser, with a path that does not exist: a friendly message, never a schema error.
  const missing = path.join(world.dir, 'no-such-folder');
  await page.getByLabel(tr('home.pathLabel')).fill(missing);
  await page.getByRole('button', { name: tr('home.browse') }).click();
  await expect(page.getByTestId('browser-error')).toBeVisible();
  // It lists the home folder instead: its entries are the person's own names. Taken from the screen,
  // not from a readdir of our own: other processes create and delete folders there (a test run's
  // ~/Downloads appeared between the two once), and a name is data whenever it appears.
  await expect(page.getByTestId('browser-path')).toHaveText(os.homedir());
  const home = await page
    .locator('ul.entries li button')
    .evaluateAll((buttons) =>
      buttons.map((b) =>
        (b.textContent ?? '').slice(b.querySelector('span')?.textContent?.length ?? 0).trim(),
      ),
    );
  await stop('browser', [...names, missing, ...home]);
  await page.getByRole('button', { name: tr('browser.close') }).click();

  // The review, with the pre-flight check's verdict and badges on screen.
  await page.getByLabel(tr('home.pathLabel')).fill(setDir);
  await page.getByRole('button', { name: tr('home.open'), exact: true }).click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  // A verdict about real photos: risky (a blurred one, two of another object), the blurred one marked.
  await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'risky', {
    timeout: 60_000,
  });
  const cell = page
    .getByRole('list', { name: tr('review.grid') })
    .getByRole('listitem')
    .filter({ hasText: set.blurred[0] });
  await expect(cell.getByTestId('check-badge')).toHaveAttribute('data-reasons', /\bblur\b/);
  // Too few photos is said once, by the review's warning; the check's reasons do not repeat it.
  const count = set.names.length;
  await expect(page.getByText(tr('warning.few-photos_other', { count, minimum: 20 }))).toHaveCount(1);
  await expect(page.getByTestId('check-reasons')).toBeVisible();
  await expect(page.getByTestId('check-reasons')).not.toContainText(
    tr('check.setReason.few-photos', { count, min: 20 }),
  );
  // Thumbnails, not "cannot be read" placeholders.
  await expect(page.locator('.thumb img').first()).toBeVisible();
  // The list of files left out, open, with their reasons.
  await page.getByText(tr('review.skipped', { count: SKIPPED.length })).click();
  await expect(page.locator('.skipped li')).toHaveCount(SKIPPED.length);
  // Format names (TIFF) are the same in every language.
  await stop('review', [...names, SET_NAME, ...set.names, ...SKIPPED, 'TIFF']);

  // The queue with the upload running.
  const slowUpload = opts.slowUploadMBps ?? 0.4;
  if (slowUpload) world.web.runtime.settings.update({ bandwidthCapMBps: slowUpload });
  await page.getByRole('button', { name: tr('review.upload') }).click();
  const job = page.getByTestId('job');
  await expect(job).toBeVisible();
  if (slowUpload) {
    await expect(job.getByTestId('job-state')).toHaveText(tr('state.uploading'));
    // Some bytes on their way, so the figures (percent, bytes, rate) show an upload that moves.
    await expect(job.getByTestId('job-bytes')).toHaveText(/^\s*(?!0\sB)\d/);
  }
  const [started] = await world.web.service.listJobs();
  const userData = [...names, SET_NAME, started!.projectName];
  await stop('queue', userData);
  world.web.runtime.settings.update({ bandwidthCapMBps: 0 });

  // Projects with the finished job's result: link, folder, preview.
  await nav('nav.projects').click();
  const row = page.getByTestId('project-row');
  await expect(row.getByTestId('project-status')).toHaveText(tr('state.done'), { timeout: 60_000 });
  await expect(page.getByTestId('link-expiry')).toBeVisible();
  await stop('projects', userData);
  await row.getByRole('button', { name: tr.pattern('projects.more') }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await stop('projects-menu', userData);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  await row.getByRole('button', { name: tr('preview.open') }).click();
  const preview = page.getByRole('dialog', { name: tr.pattern('preview.title') });
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('preview-status').or(preview.getByTestId('preview-no-webgl'))).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  // The preview's text alternative names the model files (user data, like project names).
  const models = await world.web.service.listResultModels(started!.id);
  await stop('preview', [...userData, ...models.map((m) => m.path)]);
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  await nav('nav.settings').click();
  await expect(page.getByRole('heading', { name: tr('settings.title') })).toBeVisible();
  await stop('settings', names);
  await nav('nav.log').click();
  await expect(page.getByRole('heading', { name: tr('log.title') })).toBeVisible();
  // The lines come in one answer after the heading: wait for them before looking.
  await expect(page.locator('ol.log li').first()).toBeVisible();
  await stop('log', userData);
}
