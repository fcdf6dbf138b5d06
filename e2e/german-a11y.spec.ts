/**
 * Every screen, dialog and menu in German (e2e/tour.ts's walk), in light and in dark: no English sentence on screen (every
 * English catalogue string that German translates must be absent, and no common English word may
 * appear; the Log view's lines too, said by code), and axe finds no serious or critical accessibility violation. A screenshot of each stop is
 * attached to the test (de-light-*, de-dark-*: the e2e run's artifacts).
 */
import { de } from '../renderer/i18n/de.js';
import { expectAccessible } from './axe.js';
import { expect, screen, test } from './fixtures.js';
import { expectGermanOnly } from './lang-checks.js';
import { tour, translator } from './tour.js';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });
    test(`every screen in German (${scheme}): no English, axe clean`, async ({ page, world }) => {
      const missing: string[] = [];
      page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
      world.web.runtime.settings.update({ locale: 'de' });
      await tour(page, world, translator(de), async (where, userData) => {
        await expectGermanOnly(page, where, userData);
        if (where === 'log') {
          // The log's lines are said from the catalogue by code (checked above like any text); only a
          // tool's own lines (COLMAP, a node's console) are verbatim, and no line is the core's English.
          expect(await page.locator('.log-message[data-code]').count()).toBeGreaterThan(3);
          expect(await page.locator('.log-message:not([data-code]):not(.log-tool)').allInnerTexts()).toEqual(
            [],
          );
        }
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
