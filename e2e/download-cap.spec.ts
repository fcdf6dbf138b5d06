/** The download cap (issue 13) is a setting a person can change: Settings → "Download limit (GB)". */
import { GOOD_TOKEN, expect, test } from './fixtures.js';

test('Settings: the download limit is shown, changed and saved', async ({ page, world }) => {
  await world.web.runtime.secrets.set(GOOD_TOKEN); // no token dialog in the way
  await page.goto(world.web.pageUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const cap = page.getByLabel('Download limit (GB): a larger result is stopped');
  await expect(cap).toHaveValue('20');
  await cap.fill('0.5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect(world.web.runtime.settings.get().downloadCapGB).toBe(0.5);
});
