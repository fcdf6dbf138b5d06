/**
 * The light/dark/system switch in Settings: it wins over the OS in both directions, persists across a
 * reload (it is a setting, kept by main), 'system' follows the OS live, and axe stays clean in both.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

const LIGHT_BG = 'rgb(247, 247, 245)';
const DARK_BG = 'rgb(22, 24, 28)';

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const buttonColours = (page: Page) =>
  page.getByRole('button', { name: 'Save' }).evaluate((b) => {
    const s = getComputedStyle(b);
    return `${s.color} on ${s.backgroundColor}`;
  });

async function chooseTheme(page: Page, label: 'As the system' | 'Light' | 'Dark') {
  await page.getByLabel('Appearance').selectOption({ label });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

test('the theme switch overrides the OS, persists, and follows the OS on "system"', async ({
  page,
  world,
}) => {
  await world.web.runtime.secrets.set(GOOD_TOKEN);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(world.web.pageUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Appearance')).toHaveValue('system');
  expect(await background(page)).toBe(LIGHT_BG);
  const lightButton = await buttonColours(page);

  // Dark although the OS says light; the setting is stored and survives a reload.
  await chooseTheme(page, 'Dark');
  await expect.poll(() => background(page)).toBe(DARK_BG);
  expect(await buttonColours(page)).not.toBe(lightButton);
  expect(world.web.runtime.settings.get().theme).toBe('dark');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Appearance')).toHaveValue('dark');
  expect(await background(page)).toBe(DARK_BG);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
  await expectAccessible(page, 'settings, dark by choice');
  await screen(page, 'theme-dark-by-choice');

  // Light although the OS says dark.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).toBe(DARK_BG);
  await chooseTheme(page, 'Light');
  await expect.poll(() => background(page)).toBe(LIGHT_BG);
  expect(await buttonColours(page)).toBe(lightButton);
  await expectAccessible(page, 'settings, light by choice');

  // System: follows the OS, and keeps following it without a reload.
  await chooseTheme(page, 'As the system');
  await expect.poll(() => background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT_BG);
  expect(world.web.runtime.settings.get().theme).toBe('system');
});
