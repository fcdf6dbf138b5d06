/**
 * The happy path a newcomer takes, in a real browser against web mode and the cloud stub:
 * first run with a wrong then a right token → path field → review → upload with progress →
 * processing done → the model lands on disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

test('first run, review, upload, processing done, model downloaded', async ({ page, world }) => {
  const setDir = path.join(world.dir, 'Owl figurine');
  await makePhotoSet(setDir, { count: 24, bytesEach: 200_000, seed: 42 });
  await fs.writeFile(path.join(setDir, 'notes.txt'), 'not a photo');
  // A slow link, so the upload is visibly in progress for a few seconds.
  world.web.runtime.settings.update({ bandwidthCapMBps: 0.8, partSize: 1_048_576, concurrency: 2 });
  // And a server that pauses mid-part, so the upload lasts long enough to watch even on a busy machine.
  world.stub.setFaults({ stallMs: 1500 });
  // Other people's sets ahead in the cloud (fixed, so the header's words do not race its poll).
  world.stub.setQueue(2, 300);

  await page.goto(world.web.pageUrl);
  // The secret is kept by the page and stripped from the address bar.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const dialog = page.getByRole('dialog', { name: 'Connect to the OpenScan Cloud' });
  await expect(dialog).toBeVisible();
  await screen(page, '01-first-run-token');

  await dialog.getByLabel('Token', { exact: true }).fill('this-is-a-typo');
  await dialog.getByRole('button', { name: 'Check and save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/token/i);
  await expect(page.getByTestId('credit')).toHaveText('No token');
  await screen(page, '02-wrong-token');

  await dialog.getByLabel('Token', { exact: true }).fill(`  ${GOOD_TOKEN}\n`);
  await dialog.getByRole('button', { name: 'Check and save' }).click();
  await expect(dialog.getByTestId('token-info')).toContainText('Credit: 50.0 GB');
  await expect(dialog.getByTestId('token-info')).not.toContainText(GOOD_TOKEN);
  await screen(page, '03-token-saved');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('credit')).toHaveText('Credit: 50.0 GB');
  await expect(page.getByTestId('cloud-status')).toHaveText('Cloud online');

  await page.getByLabel('Folder or zip path').fill(setDir);
  await screen(page, '04-home');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(page.getByTestId('review-summary')).toHaveText('24 photos · 4.80 MB');
  await expect(page.getByText('Within your token’s limits')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Photos' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText('Not uploaded (1)')).toBeVisible();
  await expect(page.getByLabel('Project name')).toHaveValue('owl-figurine');
  await screen(page, '05-review');

  await page.getByRole('button', { name: 'Upload' }).click();
  const job = page.getByTestId('job');
  await expect(job.getByTestId('job-state')).toHaveText('Uploading', { timeout: 20_000 });
  await expect(job.getByRole('progressbar')).toBeVisible();
  await expect(job.getByTestId('job-parts')).toContainText(/\d+ of \d+ parts? sent/);
  // Honest times: the cloud's queue is labelled as the cloud's, our own jobs are counted apart, and
  // "model in" never claims more than it knows (no past jobs yet: processing is unknown → "at least").
  await expect(page.getByTestId('cloud-queue')).toHaveText('Cloud queue: 2 sets, ~5 min');
  await expect(page.getByTestId('own-jobs')).toHaveText('Yours: 1 job running');
  await expect(job.getByTestId('job-model')).toContainText(/Model in at least ~\d|Model in: estimating…/);
  await expect(job.getByTestId('job-step')).toHaveText('Sending the photos');
  // Bytes are moving: the bar and the rate leave zero while the job is still uploading.
  await expect
    .poll(async () => Number(await job.getByRole('progressbar').getAttribute('value')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(job).toContainText(/[1-9][\d.,]* [KM]?B\/s/);
  await screen(page, '06-queue-uploading');

  await page.getByRole('button', { name: 'Projects' }).click();
  const row = page.getByTestId('project-row');
  await expect(row.getByTestId('project-status')).toContainText('Done', { timeout: 60_000 });
  // The result, front and centre: the cloud's link with its time left, and the local folder.
  const result = page.getByTestId('result-panel');
  await expect(result.getByTestId('result-folder')).toBeVisible();
  await expect(result.getByTestId('link-expiry')).toContainText(/Works for about [67] days more/);
  const link = result.getByRole('link', { name: 'Open link' });
  await expect(link).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\/dl\?id=/);
  await screen(page, '07-projects-done');

  const jobs = await world.web.service.listJobs();
  expect(jobs).toHaveLength(1);
  const folder = jobs[0]!.result?.folder;
  expect(folder).toBeTruthy();
  const files = await fs.readdir(folder!, { recursive: true });
  const obj = files.find((f) => String(f).endsWith('.obj'));
  expect(obj).toBeTruthy();
  expect(await fs.readFile(path.join(folder!, String(obj)), 'utf8')).toMatch(/^v /m);

  // The server forgets the project (expired): a refresh says so instead of failing silently (401).
  world.stub.state.projects.delete(jobs[0]!.projectName);
  await row.getByRole('button', { name: /^More actions for / }).click();
  await page.getByRole('menuitem', { name: 'Refresh' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await screen(page, '08-project-gone');

  await page.getByRole('button', { name: 'Log' }).click();
  await page.getByRole('button', { name: 'Save diagnostics' }).click();
  await expect(page.getByRole('status')).toContainText('Diagnostics saved');
  const log = page.getByRole('list', { name: 'Log' });
  await expect(log).toContainText('Token saved');
  await expect(log).not.toContainText(GOOD_TOKEN);
  // Levels and a filter: only warnings and errors, then only lines mentioning the token.
  const all = await log.getByRole('listitem').count();
  await page.getByLabel('Show from').selectOption('warn');
  await expect.poll(() => log.getByRole('listitem').count()).toBeLessThan(all);
  await expect(log.locator('.log-level.level-info')).toHaveCount(0);
  await page.getByLabel('Show from').selectOption('info');
  await page.getByLabel('Filter').fill('token saved');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await screen(page, '09-log');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Parallel uploads')).toHaveValue('2');
  await screen(page, '10-settings');
});
