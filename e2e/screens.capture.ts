/**
 * Screenshots of every screen for people (the issue note, docs/screens/): the same walk as the German
 * and pseudo-locale checks (tour.ts) in English and German, light and dark, 1280 px wide, written
 * as palette PNGs (a few dozen kB each). Not a test (CI never runs it): `npm run screens` writes
 * docs/screens/after (SCREENS_OUT picks another folder).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';
import { test } from './fixtures.js';
import { tour, translator } from './tour.js';

const OUT = process.env.SCREENS_OUT ?? 'docs/screens/after';
/** Long screens (the review with its check) are cut here: the top is what the eye reads. */
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

const VARIANTS = [
  { name: 'en-light', lang: 'en', scheme: 'light', catalogue: en },
  { name: 'en-dark', lang: 'en', scheme: 'dark', catalogue: en },
  { name: 'de-light', lang: 'de', scheme: 'light', catalogue: de },
  { name: 'de-dark', lang: 'de', scheme: 'dark', catalogue: de },
] as const;

test.describe('screens', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  for (const v of VARIANTS) {
    test(`every screen, ${v.name}`, async ({ page, world }) => {
      test.setTimeout(180_000);
      await page.emulateMedia({ colorScheme: v.scheme });
      world.web.runtime.settings.update({ locale: v.lang });
      await tour(
        page,
        world,
        translator(v.catalogue),
        (stop) => capture(page, path.join(OUT, `${v.name}-${stop}.png`)),
        { slowUploadMBps: 0.4 },
      );
    });
  }
});
