/**
 * The two Radix dialogs (the token dialog with its server address, the 3D preview with its text
 * alternative): a labelled title, focus kept inside, Escape closes, focus goes back to what opened
 * it; axe-clean in light and dark; in English and in German. Screenshots are attached to the report.
 */
import fs from 'node:fs/promises';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { ICON_SVG } from '../main/app/packaging/icons.js';
import { expectAccessible } from './axe.js';
import { GOOD_TOKEN, expect, finishedJob, screen, test } from './fixtures.js';

async function shot(page: Page, info: TestInfo, name: string) {
  await screen(page, name);
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

/** Tab and Shift+Tab many times: focus never leaves the dialog. */
async function expectFocusTrapped(page: Page, dialog: Locator) {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(key);
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
  }
}

const TEXT = {
  en: {
    token: 'Connect to the OpenScan Cloud',
    tokenButton: 'Token',
    advanced: 'Advanced: server address',
    address: 'Server address',
    save: 'Save address',
    unreachable: 'cannot be reached',
    invalid: 'starts with http:// or https://',
    saved: 'Server address saved.',
    online: 'Cloud online',
    preview: 'Preview',
    previewTitle: /3D preview/,
    about: 'About this model',
    vertices: /\d+ vertices/,
    faces: /\d+ faces/,
  },
  de: {
    token: 'Mit der OpenScan Cloud verbinden',
    tokenButton: 'Token',
    advanced: 'Erweitert: Serveradresse',
    address: 'Serveradresse',
    save: 'Adresse speichern',
    unreachable: 'nicht erreichbar',
    invalid: 'mit http:// oder https:// beginnt',
    saved: 'Serveradresse gespeichert.',
    online: 'Cloud online',
    preview: 'Vorschau',
    previewTitle: /3D-Vorschau/,
    about: 'Über dieses Modell',
    vertices: /\d+ Eckpunkte/,
    faces: /\d+ Flächen/,
  },
} as const;

for (const lang of ['en', 'de'] as const) {
  const L = TEXT[lang];
  test(`token dialog (${lang}): server address when the cloud is unreachable, focus trap, Escape, focus back`, async ({
    page,
    world,
  }, info) => {
    if (lang === 'de') world.web.runtime.settings.update({ locale: 'de' });
    // The configured cloud does not answer: the dialog opens the address field by itself.
    world.web.runtime.settings.update({ endpoint: 'http://127.0.0.1:9' });
    await page.goto(world.web.pageUrl);
    const dialog = page.getByRole('dialog', { name: L.token });
    await expect(dialog).toBeVisible();
    const server = dialog.getByTestId('server-address');
    await expect(server).toHaveAttribute('open', '');
    await expect(server).toContainText(L.unreachable);
    const field = dialog.getByLabel(L.address, { exact: true });
    await expect(field).toHaveValue('http://127.0.0.1:9');
    await expectFocusTrapped(page, dialog);
    await expectAccessible(page, `token dialog, cloud unreachable (${lang})`);
    await shot(page, info, `dialog-token-unreachable-${lang}`);

    // A wrong address is refused here, in the UI's language, and not saved.
    await field.fill('ftp://cloud.example.org');
    await dialog.getByRole('button', { name: L.save }).click();
    await expect(dialog.getByRole('alert')).toContainText(L.invalid);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(world.web.runtime.settings.get().endpoint).toBe('http://127.0.0.1:9');
    await expectAccessible(page, `token dialog, invalid address (${lang})`);

    // The right one is saved, and the cloud answers.
    await field.fill(world.stub.url);
    await field.press('Enter');
    await expect(dialog.getByText(L.saved)).toBeVisible();
    expect(world.web.runtime.settings.get().endpoint).toBe(world.stub.url);
    await expect(page.getByText(L.online)).toBeVisible();

    await dialog.getByLabel('Token', { exact: true }).fill(GOOD_TOKEN);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('token-info')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Opened again from the header: the address is folded under "Advanced"; Escape gives focus back.
    const opener = page.getByRole('banner').getByRole('button', { name: L.tokenButton });
    await opener.click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('server-address')).not.toHaveAttribute('open', '');
    await dialog.getByText(L.advanced).click();
    await expect(dialog.getByLabel(L.address, { exact: true })).toHaveValue(world.stub.url);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `token dialog, advanced (${lang}, ${scheme})`);
      await shot(page, info, `dialog-token-advanced-${lang}-${scheme}`);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test(`3D preview (${lang}): text alternative, axe light and dark, Escape and focus back`, async ({
    page,
    world,
  }, info) => {
    await finishedJob(page, world);
    if (lang === 'de') {
      world.web.runtime.settings.update({ locale: 'de' });
      await page.reload();
      await page.getByRole('navigation').getByRole('button', { name: 'Projekte' }).click();
    }
    const open = page.getByTestId('project-row').getByRole('button', { name: L.preview });
    await open.click();
    const dialog = page.getByRole('dialog', { name: L.previewTitle });
    await expect(dialog).toBeVisible();
    const about = dialog.getByRole('region', { name: L.about });
    // The stub's result is an OBJ cube: file, size, vertices and faces as text.
    await expect(about).toContainText('.obj');
    await expect(about).toContainText(L.vertices);
    await expect(about).toContainText(L.faces);
    await expectFocusTrapped(page, dialog);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `preview dialog (${lang}, ${scheme})`);
      await shot(page, info, `dialog-preview-${lang}-${scheme}`);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
  });
}

test('the favicon is the app icon', async ({ page, world }) => {
  await page.goto(world.web.pageUrl);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const r = await page.request.get(new URL(href!, page.url()).href);
  expect(r.status()).toBe(200);
  expect(r.headers()['content-type']).toContain('image/svg+xml');
  expect(await r.body()).toEqual(await fs.readFile(ICON_SVG));
});
