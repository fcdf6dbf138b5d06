/** German, dark mode and the keyboard: the token dialog can be used without a mouse. */
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

test.use({ colorScheme: 'dark' });

test('German UI in dark mode, token entered and dialog closed by keyboard only', async ({ page, world }) => {
  world.web.runtime.settings.update({ locale: 'de' });
  await page.goto(world.web.pageUrl);
  const dialog = page.getByRole('dialog', { name: 'Mit der OpenScan Cloud verbinden' });
  await expect(dialog).toBeVisible();
  // The token field has focus when the dialog opens; Enter submits, Escape closes.
  await expect(dialog.getByLabel('Token', { exact: true })).toBeFocused();
  await page.keyboard.type(` ${GOOD_TOKEN} `);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('token-info')).toContainText('Guthaben');
  await screen(page, '40-de-dark-token');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The modal dialog hid the page from assistive tech while open; now the German navigation is there.
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(page.getByTestId('credit')).toContainText('Guthaben');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe('rgb(22, 24, 28)');
  // Keyboard reaches the navigation and switches screens.
  await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Einstellungen' })).toBeVisible();
  await screen(page, '41-de-dark-settings');
});
