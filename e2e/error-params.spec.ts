/**
 * A failed job's error in the UI's language with its specifics: the core sends code + detail + params
 * (main/contract/error-details.ts), the renderer says them from the catalogue. A job created over the
 * tiny token's photo limit (the service's own check, against the cloud stub's getTokenInfo) fails with
 * LIMIT_EXCEEDED {count, limit}: in German the queue shows both figures in a German sentence and no
 * word of the core's English message; in English, the English catalogue sentence.
 */
import path from 'node:path';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { de } from '../renderer/i18n/de.js';
import { en } from '../renderer/i18n/en.js';
import { TINY_TOKEN, expect, screen, test, type World } from './fixtures.js';

async function failedOverLimit(world: World) {
  await world.web.runtime.secrets.set(TINY_TOKEN);
  const setDir = path.join(world.dir, 'zu-viele');
  await makePhotoSet(setDir, { count: 8, bytesEach: 40_000, seed: 14 });
  const job = await world.web.service.createJob({ paths: [setDir], backend: 'cloud' });
  await expect
    .poll(async () => (await world.web.service.listJobs()).find((j) => j.id === job.id)?.state)
    .toBe('failed');
  const failed = (await world.web.service.listJobs()).find((j) => j.id === job.id);
  expect(failed?.error).toMatchObject({
    code: 'LIMIT_EXCEEDED',
    detail: 'photos',
    params: { count: 8, limit: 5 },
  });
  return failed!;
}

test('a job over the photo limit: German says the figures in German', async ({ page, world }) => {
  world.web.runtime.settings.update({ locale: 'de' });
  const job = await failedOverLimit(world);
  await page.goto(world.web.pageUrl);
  await page
    .getByRole('link', { name: de.nav.queue })
    .or(page.getByRole('button', { name: de.nav.queue }))
    .first()
    .click();
  const error = page.getByRole('alert').filter({ hasText: de.errors.limitExceeded });
  await expect(error).toBeVisible();
  await expect(error.getByTestId('error-detail')).toHaveText(
    /Der Satz hat 8 Fotos; dieses Token erlaubt 5 Fotos pro Projekt\./,
  );
  // Nothing of the core's English sentence (it stays in the log for diagnostics).
  const shown = await error.innerText();
  expect(shown).not.toContain(job.error!.message);
  expect(shown).not.toMatch(/\b(photos|limit|over)\b/);
  await screen(page, 'de-error-params');
});

test('the same job in English: the catalogue’s English sentence with the figures', async ({
  page,
  world,
}) => {
  world.web.runtime.settings.update({ locale: 'en' });
  await failedOverLimit(world);
  await page.goto(world.web.pageUrl);
  await page
    .getByRole('link', { name: en.nav.queue })
    .or(page.getByRole('button', { name: en.nav.queue }))
    .first()
    .click();
  const error = page.getByRole('alert').filter({ hasText: en.errors.limitExceeded });
  await expect(error.getByTestId('error-detail')).toHaveText(
    /The set has 8 photos; this token allows 5 photos per project\./,
  );
});
