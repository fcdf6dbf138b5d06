/**
 * The 3D preview of a finished cloud job: upload against the stub (its result is an OBJ + MTL + PNG
 * cube), open Preview from Projects, and check that the canvas shows something (not one flat colour)
 * — or, where the browser has no WebGL, that the app says so. Also checks the bridge's file route
 * refuses paths that leave the result folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, finishedJob, screen, test } from './fixtures.js';

test('preview the model of a finished job, screenshot it', async ({ page, world }) => {
  const row = await finishedJob(page, world);

  // The bridge's byte route: same secret rule as the API, and confined to the result folder.
  const [job] = await world.web.service.listJobs();
  const base = `${world.web.bridge.url}/api/file/${encodeURIComponent(job!.id)}`;
  const headers = { 'x-scanbridge-secret': world.web.bridge.secret };
  const models = await world.web.service.listResultModels(job!.id);
  expect(models.map((m) => m.kind)).toContain('obj');
  const objPath = models.find((m) => m.kind === 'obj')!.path;
  const ok = await page.request.get(`${base}/${objPath.split('/').map(encodeURIComponent).join('/')}`, {
    headers,
  });
  expect(ok.status()).toBe(200);
  expect(Number(ok.headers()['content-length'])).toBe(models.find((m) => m.kind === 'obj')!.size);
  expect(await ok.text()).toMatch(/^v /m);
  expect((await page.request.get(`${base}/${objPath}`)).status()).toBe(403);
  const escape = await page.request.get(`${base}/..%2F..%2Fdata%2Fsettings.json`, { headers });
  expect(escape.status()).toBe(400);

  // A big point cloud beside the mesh: parsed in the worker (under the CSP) and thinned for display.
  const POINTS = 2_500_000;
  const header = `ply\nformat binary_little_endian 1.0\nelement vertex ${POINTS}\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\nend_header\n`;
  const body = Buffer.alloc(POINTS * 15);
  for (let i = 0; i < POINTS; i++) {
    const a = (i / POINTS) * Math.PI * 60;
    const o = i * 15;
    body.writeFloatLE(Math.cos(a) * (1 + i / POINTS), o);
    body.writeFloatLE(Math.sin(a) * (1 + i / POINTS), o + 4);
    body.writeFloatLE((i / POINTS) * 2 - 1, o + 8);
    body[o + 12] = 255;
    body[o + 13] = (i * 7) & 255;
    body[o + 14] = 40;
  }
  await fs.writeFile(
    path.join(job!.result!.folder!, 'cloud.ply'),
    Buffer.concat([Buffer.from(header), body]),
  );

  // As a local COLMAP model would have it: the cameras beside the cloud, a ring looking inwards.
  const cams = Array.from({ length: 16 }, (_, i) => {
    const h = (i / 16) * Math.PI;
    return `${i + 1} ${Math.cos(h)} 0 ${Math.sin(h)} 0 0 0 3 1 img${i}.jpg\n`;
  });
  await fs.writeFile(path.join(job!.result!.folder!, 'images.txt'), `# COLMAP\n${cams.join('\n')}`);

  await row.getByRole('button', { name: 'Preview' }).click();
  const dialog = page.getByRole('dialog', { name: /3D preview/ });
  await expect(dialog).toBeVisible();
  const noGl = dialog.getByTestId('preview-no-webgl');
  const canvas = dialog.getByTestId('preview-canvas');
  await expect(noGl.or(canvas)).toBeVisible();
  if (await noGl.isVisible()) {
    await expect(noGl).toContainText('WebGL');
  } else {
    await expect(dialog.getByTestId('preview-status')).toContainText('Drag to rotate', { timeout: 30_000 });
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    // Read the pixels back from a screenshot of the canvas: a drawn cube is more than one colour.
    const png = await canvas.screenshot();
    const colours = await page.evaluate(async (b64) => {
      // Built from bytes: the page's CSP (rightly) refuses fetch('data:…').
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const blob = new Blob([bytes], { type: 'image/png' });
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      const set = new Set<number>();
      for (let i = 0; i < d.length; i += 16) set.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return set.size;
    }, png.toString('base64'));
    expect(colours).toBeGreaterThan(10);

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save screenshot (PNG)' }).click();
    const file = await (await download).path();
    const head = (await fs.readFile(file!)).subarray(0, 4);
    expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    await dialog.getByRole('combobox', { name: 'Model' }).selectOption('cloud.ply');
    const started = Date.now();
    await expect(dialog.getByTestId('preview-status')).toContainText(
      'Showing 1,250,000 of 2,500,000 points',
      {
        timeout: 60_000,
      },
    );
    console.log(`preview: 2.5M-point PLY (37.5 MB) read + parsed + shown in ${Date.now() - started} ms`);
    // The text alternative: the cloud's full size, what is drawn, and the cameras beside it.
    await expect(dialog.getByTestId('preview-info')).toContainText(
      '2,500,000 points in total, 1,250,000 shown',
    );
    await expect(dialog.getByTestId('preview-info')).toContainText('16 camera positions');
    await expect(dialog.getByLabel('Point size')).toBeVisible();
    await dialog.getByLabel('Point size').fill('4');
    await screen(page, 'preview-cloud');
  }
  await screen(page, 'preview');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('without WebGL the preview says so instead of crashing', async ({ page, world }) => {
  // As on a machine whose GPU (and software fallback) is blocked: WebGL contexts cannot be made.
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      id: string,
      ...rest: unknown[]
    ) {
      if (id.startsWith('webgl')) return null;
      return (original as (...a: unknown[]) => unknown).call(this, id, ...rest);
    } as typeof original;
  });
  const row = await finishedJob(page, world);
  await row.getByRole('button', { name: 'Preview' }).click();
  const dialog = page.getByRole('dialog', { name: /3D preview/ });
  await expect(dialog.getByTestId('preview-no-webgl')).toContainText('WebGL is not available');
  await expect(dialog.getByTestId('preview-canvas')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Save screenshot (PNG)' })).toBeDisabled();
  await screen(page, 'preview-no-webgl');
});
