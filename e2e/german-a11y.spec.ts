/**
 * Every screen, dialog and menu in German, in light and in dark: no English sentence on screen (every
 * English catalogue string that German translates must be absent, and no common English word may
 * appear), and axe finds no serious or critical accessibility violation. Screenshots of each state go
 * to test-results/screens/ (de-light-*, de-dark-*).
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';
import { expectAccessible } from './axe.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

function flatten(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? flatten(v as object, `${prefix}${k}.`)
      : [[`${prefix}${k}`, String(v)]],
  );
}
const german = new Map(flatten(de));
/** English strings German translates differently, as patterns (placeholders match anything). */
const englishPatterns = flatten(en)
  .filter(([k, v]) => german.get(k) !== v && v.split(' ').length >= 2)
  .map(([k, v]) => {
    const literal = v.split(/\{\{\w+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return [k, new RegExp(literal.join('.+?'))] as const;
  });
/** Words no German sentence of ours contains; names (ScanBridge, OpenScan Cloud, COLMAP) and paths are removed first. */
const ENGLISH_WORDS = /\b(the|and|with|your|please|photos|cannot|is|are|not|you|this|of)\b/i;

async function expectGermanOnly(page: Page, where: string, ignore: string[] = []) {
  // The log's lines are a record for diagnostics (kept in English, like the CLI's); its frame is checked.
  let text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.log-message').forEach((e) => e.remove());
    document.body.append(clone);
    const t = clone.innerText;
    clone.remove();
    return t;
  });
  for (const s of ignore) text = text.split(s).join(' ');
  text = text.replace(/\/[^\s]+/g, ' ').replace(/OpenScan Cloud|ScanBridge|COLMAP|NodeODM/g, ' ');
  const leaks = englishPatterns.filter(([, re]) => re.test(text)).map(([k]) => k);
  expect(leaks, `English catalogue strings on ${where}`).toEqual([]);
  const line = text.split('\n').find((l) => ENGLISH_WORDS.test(l));
  expect(line, `an English word on ${where}`).toBeUndefined();
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });
    test(`every screen in German (${scheme}): no English, axe clean`, async ({ page, world }) => {
      const shot = (name: string) => screen(page, `de-${scheme}-${name}`);
      const check = async (where: string, ignore: string[] = []) => {
        await expectGermanOnly(page, where, ignore);
        await expectAccessible(page, where);
        await shot(where);
      };
      const missing: string[] = [];
      page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
      world.web.runtime.settings.update({ locale: 'de' });
      const setDir = path.join(world.dir, 'Eule');
      await makePhotoSet(setDir, { count: 12, bytesEach: 120_000, seed: 11 });

      // First run: the token dialog.
      await page.goto(world.web.pageUrl);
      const dialog = page.getByRole('dialog', { name: 'Mit der OpenScan Cloud verbinden' });
      await expect(dialog).toBeVisible();
      await check('token-dialog');
      await dialog.getByLabel('Token', { exact: true }).fill(GOOD_TOKEN);
      await page.keyboard.press('Enter');
      await expect(dialog.getByTestId('token-info')).toContainText('Guthaben');
      await check('token-saved');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await check('home');

      // The folder browser, with a path that does not exist: a friendly message, never a schema error.
      await page.getByLabel('Pfad zu Ordner oder Zip').fill(path.join(world.dir, 'gibt-es-nicht'));
      await page.getByRole('button', { name: 'Durchsuchen…' }).click();
      await expect(page.getByTestId('browser-error')).toContainText('nicht öffnen');
      await check('browser', [path.join(world.dir, 'gibt-es-nicht')]);
      await page.getByRole('button', { name: 'Schließen' }).click();

      await page.getByLabel('Pfad zu Ordner oder Zip').fill(setDir);
      await page.getByRole('button', { name: 'Prüfen', exact: true }).click();
      await expect(page.getByTestId('review-summary')).toContainText('12 Fotos');
      // The review with the pre-flight check's result on screen (verdict, badges): checked once it is there,
      // never depending on whether the check happened to finish before axe ran.
      await expect(page.getByTestId('check-verdict')).toBeVisible({ timeout: 60_000 });
      await expect(page.getByTestId('check-badge').first()).toBeVisible();
      await check('review', ['Eule']);

      await page.getByRole('button', { name: 'Hochladen' }).click();
      const job = page.getByTestId('job');
      await expect(job).toBeVisible();
      await check('queue', ['Eule']);

      await page.getByRole('navigation').getByRole('button', { name: 'Projekte' }).click();
      const row = page.getByTestId('project-row');
      await expect(row.getByTestId('project-status')).toHaveText('Fertig', { timeout: 60_000 });
      await expect(page.getByTestId('link-expiry')).toContainText('Funktioniert noch etwa');
      await check('projects', ['Eule']);
      await row.getByRole('button', { name: /^Weitere Aktionen für / }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await check('projects-menu', ['Eule']);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toBeHidden();

      await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).click();
      await check('settings');
      await page.getByRole('navigation').getByRole('button', { name: 'Protokoll' }).click();
      await check('log', ['Eule']);

      // The icon is there (no 404 for it or anything else the page asked for).
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200);
      expect(missing).toEqual([]);
    });
  });
}
