/**
 * The strict CSP (no inline styles or scripts) and the app living under it: one walk through every
 * screen, dialog and menu fails on ANY Content-Security-Policy violation, whatever refused it
 * (a library injecting a <style>, an inline style attribute, a worker, an image); and a modal dialog
 * keeps the page behind it from scrolling without Radix's <style>-injecting scroll lock. The walk is also
 * the suite's English one: axe and a screenshot at each stop.
 */
import type { Page } from '@playwright/test';
import { en } from '../renderer/i18n/en.js';
import { expectAccessible } from './axe.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';
import { tour, translator } from './tour.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/** Records every violation the document sees, from the first byte of the page on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      });
    });
  });
  // Workers report on their own global, not the document: the console still says so.
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) console.push(m.text());
  });
  return async () => {
    const seen = await page.evaluate(() => window.__cspViolations ?? []);
    return [
      ...seen.map((v) => `${v.directive} refused ${v.blocked || v.sample || '?'} (${v.source})`),
      ...console,
    ];
  };
}

// The English walk of the suite (the German one is german-a11y.spec.ts, in light and dark): besides the
// CSP, axe on every stop, and each stop's screenshot attached (en-light-*, the e2e run's artifacts).
test('every screen, dialog and menu in English: no CSP violation, axe clean', async ({ page, world }) => {
  const violations = await recordViolations(page);
  const tr = translator(en);
  await tour(page, world, tr, async (name) => {
    expect(await violations(), `CSP violations by the "${name}" stop`).toEqual([]);
    await expectAccessible(page, name);
    await screen(page, `en-light-${name}`);
  });
  // The token dialog opened a second time, from the header (the tour saw the first-run one).
  await page.getByRole('button', { name: tr('header.token') }).click();
  await expect(page.getByRole('dialog', { name: tr('token.title') })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(await violations()).toEqual([]);
});

test('the page behind an open dialog does not scroll', async ({ page, world }) => {
  // Short enough that the home screen is taller than the window: the page itself can scroll.
  await page.setViewportSize({ width: 900, height: 360 });
  await page.goto(world.web.pageUrl);
  const dialog = page.getByRole('dialog', { name: 'Connect to the OpenScan Cloud' });
  await expect(dialog).toBeVisible();
  const scrollY = () => page.evaluate(() => document.scrollingElement?.scrollTop ?? -1);
  const scrollable = await page.evaluate(
    () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
  );
  expect(scrollable, 'the page must be taller than the window for this test').toBeGreaterThan(100);

  // The wheel beside the dialog (over the overlay) and over the dialog itself.
  await page.mouse.move(20, 340);
  await page.mouse.wheel(0, 600);
  const box = await dialog.boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + 20);
  await page.mouse.wheel(0, 600);
  // The keys that scroll a page, with focus where the dialog keeps it.
  await dialog.getByRole('button', { name: 'Close' }).focus();
  for (const key of ['PageDown', 'End', 'ArrowDown']) await page.keyboard.press(key);
  await page.waitForTimeout(300); // smooth scrolling, if any, has landed
  expect(await scrollY()).toBe(0);

  // Closed: the same wheel scrolls the page again (so the inputs above could have scrolled it).
  await world.web.runtime.secrets.set(GOOD_TOKEN);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('html')).not.toHaveClass(/scroll-locked/);
  await page.mouse.move(20, 340);
  await page.mouse.wheel(0, 600);
  await expect.poll(scrollY).toBeGreaterThan(0);
});
