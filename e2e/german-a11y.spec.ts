/**
 * Every screen, dialog and menu in German (e2e/tour.ts's walk), in light and in dark: no English sentence on screen (every
 * English catalogue string that German translates must be absent, and no common English word may
 * appear), and axe finds no serious or critical accessibility violation. A screenshot of each stop is
 * attached to the test (de-light-*, de-dark-*: the e2e run's artifacts).
 */
import type { Page } from '@playwright/test';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';
import { expectAccessible } from './axe.js';
import { expect, screen, test } from './fixtures.js';
import { tour, translator } from './tour.js';

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
      const missing: string[] = [];
      page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
      world.web.runtime.settings.update({ locale: 'de' });
      await tour(page, world, translator(de), async (where, userData) => {
        await expectGermanOnly(page, where, userData);
        await expectAccessible(page, where);
        await screen(page, `de-${scheme}-${where}`);
      });

      // The icon is there (no 404 for it or anything else the page asked for).
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      expect((await page.request.get(new URL(icon!, page.url()).href)).status()).toBe(200);
      expect(missing).toEqual([]);
    });
  });
}
