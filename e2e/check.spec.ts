/**
 * The pre-flight check in the review (issue 16), in a real browser against web mode and the real
 * COLMAP: it starts by itself while the review is read, shows its progress, then the verdict before
 * the Upload button; photos of something else are marked in the grid with their reason and can be
 * dropped with one click.
 */
import path from 'node:path';
import { writeNoiseImages } from '../main/core/local/testing/fixtures.js';
import { generateSyntheticSet } from '../main/core/local/testing/synth.js';
import { expect, screen, test } from './fixtures.js';

test('check set: runs during the review, flags the odd photos, one-click drop, verdict before Upload', async ({
  page,
  world,
}) => {
  test.setTimeout(300_000);
  const setDir = path.join(world.dir, 'Ring set');
  await generateSyntheticSet({ dir: setDir, views: 24 });
  // Three photos of nothing in particular, filed after the ring: they match no other photo.
  await writeNoiseImages(setDir, 3, 640, 480);

  await page.goto(world.web.pageUrl);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Folder or zip path').fill(setDir);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(page.getByTestId('review-summary')).toContainText('27 photos');

  const panel = page.getByTestId('check-panel');
  // On by default: the check is already running, with Cancel and Skip.
  await expect(panel.getByTestId('check-progress')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Skip the check' })).toBeVisible();
  await screen(page, 'check-01-running');

  const verdict = panel.getByTestId('check-verdict');
  await expect(verdict).toBeVisible({ timeout: 280_000 });
  await expect(verdict).toHaveAttribute('data-verdict', 'risky');
  await expect(panel.getByTestId('check-reasons')).toContainText('do not match each other');
  // The verdict comes before the Upload button in the page.
  const before = await page.evaluate(() => {
    const v = document.querySelector('[data-testid="check-verdict"]');
    const up = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Upload');
    return !!v && !!up && (v.compareDocumentPosition(up) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  expect(before).toBe(true);

  const grid = page.getByRole('list', { name: 'Photos' });
  const noise = grid.getByRole('listitem').filter({ hasText: 'noise_0.png' });
  await noise.scrollIntoViewIfNeeded();
  await expect(noise.getByTestId('check-badge')).toContainText('Matches none of the main group');
  await expect(noise.getByTestId('check-badge')).toHaveAttribute('data-reasons', /disconnected/);
  await screen(page, 'check-02-flagged');

  await noise.getByRole('button', { name: 'Drop' }).click();
  await expect(noise.getByRole('button', { name: 'Put it back' })).toBeVisible();
  await expect(panel).toContainText('1 photo left out');
  await panel.getByTestId('check-drop-all').click();
  await expect(panel).toContainText('3 photos left out');
  await screen(page, 'check-03-dropped');
});

test('check set can be skipped', async ({ page, world }) => {
  const setDir = path.join(world.dir, 'Small set');
  await generateSyntheticSet({ dir: setDir, views: 24, width: 320, height: 240 });
  await page.goto(world.web.pageUrl);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Folder or zip path').fill(setDir);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const panel = page.getByTestId('check-panel');
  await panel.getByRole('button', { name: 'Skip the check' }).click();
  await expect(panel.getByRole('button', { name: 'Check again' })).toBeVisible();
  await expect(panel.getByTestId('check-progress')).toHaveCount(0);
});
