/**
 * "Open with…" and "Show in folder" for a finished job's result, in English and German. The browser
 * cannot start programs, so the desktop app's platform bits are a recording stand-in here (the real
 * ones are main/app/result-opener.ts, unit-tested with real child processes); plain web mode must
 * not offer the actions at all, and its API answers DESKTOP_ONLY.
 */
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import type { PlatformPort } from '../main/core/service/index.js';
import { expect, finishedJob, screen, test } from './fixtures.js';

const calls: string[] = [];
const recording: PlatformPort = {
  viewerApps: async () => [
    { id: 'default', name: 'System default' },
    { id: 'meshlab', name: 'MeshLab' },
    { id: 'blender', name: 'Blender' },
  ],
  openWith: async (file, app) => void calls.push(`open ${app} ${file}`),
  reveal: async (file) => void calls.push(`reveal ${file}`),
};

async function shot(page: Page, info: TestInfo, name: string) {
  await screen(page, name);
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

test.describe('desktop app', () => {
  test.use({ desktopPlatform: recording });
  test.beforeEach(() => void calls.splice(0));

  test('open the model with MeshLab or the default program, show it in the folder', async ({
    page,
    world,
  }, info) => {
    const row = await finishedJob(page, world);
    const [job] = await world.web.service.listJobs();
    const folder = job!.result!.folder!;
    const panel = page.getByTestId('result-panel');
    await panel.getByRole('button', { name: `Open ${job!.projectName} with…` }).click();
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem')).toHaveText(['System default', 'MeshLab', 'Blender']);
    await shot(page, info, 'open-with-menu');
    await menu.getByRole('menuitem', { name: 'MeshLab' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Opened in MeshLab.' })).toBeVisible();
    // The service chose the file inside the job's result folder (the stub's result is an OBJ cube).
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^open meshlab .*\.obj$/);
    expect(path.relative(folder, calls[0]!.slice('open meshlab '.length))).not.toMatch(/^\.\./);

    await panel.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => calls.length).toBe(2);
    expect(calls[1]).toMatch(/^reveal .*\.obj$/);
    // Keyboard: the menu opens with Enter and moves with the arrow keys.
    await panel.getByRole('button', { name: `Open ${job!.projectName} with…` }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'System default' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => calls.length).toBe(3);
    expect(calls[2]).toMatch(/^open default /);
    await expect(row).toBeVisible();
  });

  test('German: Öffnen mit… and Im Ordner zeigen', async ({ page, world }, info) => {
    await finishedJob(page, world);
    world.web.runtime.settings.update({ locale: 'de' });
    await page.reload();
    await page.getByRole('button', { name: 'Projekte' }).click();
    const panel = page.getByTestId('result-panel');
    const [job] = await world.web.service.listJobs();
    await panel.getByRole('button', { name: `${job!.projectName} öffnen mit…` }).click();
    await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText([
      'Standardprogramm',
      'MeshLab',
      'Blender',
    ]);
    await shot(page, info, 'open-with-menu-de');
    await page.getByRole('menuitem', { name: 'Standardprogramm' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'In Standardprogramm geöffnet.' })).toBeVisible();
    await panel.getByRole('button', { name: 'Im Ordner zeigen' }).click();
    await expect.poll(() => calls.map((c) => c.split(' ')[0])).toEqual(['open', 'reveal']);
  });
});

test('web mode offers neither, and its API says DESKTOP_ONLY', async ({ page, world }, info) => {
  await finishedJob(page, world);
  const panel = page.getByTestId('result-panel');
  await expect(panel.getByRole('button', { name: 'Preview' })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Open .* with…/ })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);
  await shot(page, info, 'result-web-mode');
  const [job] = await world.web.service.listJobs();
  const r = await page.request.post(`${world.web.bridge.url}/api/revealResult`, {
    headers: { 'x-scanbridge-secret': world.web.bridge.secret, 'content-type': 'application/json' },
    data: JSON.stringify([{ jobId: job!.id }]),
  });
  expect(await r.json()).toMatchObject({ ok: false, error: { code: 'DESKTOP_ONLY' } });
});
