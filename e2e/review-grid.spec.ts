/**
 * The review grid asks main for the thumbnails of the rows a person looks at, not of every row a
 * scroll passes, and never twice for the same photo: a jump from the top to the bottom of 600 photos
 * asks for the bottom rows only, and scrolling back shows the top rows' thumbnails without a request.
 */
import path from 'node:path';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { GOOD_TOKEN, expect, test } from './fixtures.js';

test('thumbnails: asked for the rows in view only, once each', async ({ page, world }) => {
  await world.web.runtime.secrets.set(GOOD_TOKEN);
  const setDir = path.join(world.dir, 'six-hundred');
  await makePhotoSet(setDir, { count: 600, bytesEach: 8_000, seed: 5 });
  // The ids of every getThumbnails call, in order.
  const asked: string[][] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/getThumbnails'))
      asked.push((JSON.parse(r.postData() ?? '[]') as string[][])[0] ?? []);
  });
  await page.addInitScript(() => localStorage.setItem('scanbridge.check.auto', 'off'));
  await page.goto(world.web.pageUrl);
  await page.getByLabel('Folder or zip path').fill(setDir);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const grid = page.locator('.grid-scroll');
  await expect(grid.locator('img').first()).toBeVisible();
  const cells = await grid.getByRole('listitem').count();
  await expect.poll(() => grid.locator('img').count()).toBeGreaterThan(cells / 3);
  const firstScreen = asked.flat();
  expect(firstScreen.length).toBeGreaterThan(0);
  expect(firstScreen.length).toBeLessThan(cells + 20); // the rows in view and one more, not the set

  // Straight to the bottom: the rows it jumped over are never asked for, only the ones it rests on.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = grid.getByRole('listitem').filter({ hasText: 'IMG_0600.jpg' });
  await expect(last.locator('img')).toBeVisible();
  const afterJump = asked.flat().slice(firstScreen.length);
  expect(afterJump.length).toBeGreaterThan(0);
  // A photo's id ends in its index in the set (scanId:index).
  const index = (id: string) => Number(id.split(':').pop());
  expect(afterJump.filter((id) => index(id) < 600 - cells - 14)).toEqual([]);

  // Back to the top: the first screen's thumbnails are shown again without asking main.
  const callsBefore = asked.length;
  await grid.evaluate((el) => (el.scrollTop = 0));
  const first = grid.getByRole('listitem').filter({ hasText: 'IMG_0001.jpg' });
  await expect(first.locator('img')).toBeVisible();
  await page.waitForTimeout(500); // a request would have been sent by now (the grid waits 100 ms)
  const again = asked.slice(callsBefore).flat();
  expect(again.filter((id) => firstScreen.includes(id))).toEqual([]);
});
