/**
 * Retry of a job whose project the cloud forgot (issue 13): it starts over as a new project, which
 * costs credit again, so the UI says how much and asks first. Dismissing starts nothing; confirming
 * uploads the original photos as a new project. The cloud is the hostile stand-in (server-stub/hostile).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { startWebMode } from '../main/web.js';
import { startHostileServer } from '../server-stub/hostile/index.js';
import { GOOD_TOKEN, expect, test } from './fixtures.js';

test('Retry of a project the cloud forgot shows the credit first; Cancel starts nothing, OK a new project', async ({
  page,
}) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-e2e-retry-'));
  const cloud = await startHostileServer({ tokens: [{ token: GOOD_TOKEN }] });
  const web = await startWebMode({
    dataDir: path.join(dir, 'data'),
    endpoint: cloud.url,
    poll: { firstMs: 50, maxMs: 200 },
  });
  try {
    await web.runtime.secrets.set(GOOD_TOKEN);
    const photos = path.join(dir, 'owl');
    await makePhotoSet(photos, { count: 4, bytesEach: 300_000, seed: 13 });
    cloud.setCase('forgets-project');
    const created = await web.runtime.jobs.create({ paths: [photos], autoDownload: false });
    await web.runtime.jobs.whenIdle();
    const failed = web.runtime.jobs.get(created.id)!;
    expect(failed.error?.code).toBe('PROJECT_NOT_FOUND');
    cloud.setCase(undefined);
    const projects = cloud.stub.state.projects.size;

    await page.goto(web.pageUrl);
    await page.getByRole('button', { name: 'Queue' }).click();
    const retry = page.getByRole('button', { name: 'Retry' });

    // Cancel: the question named the credit, and nothing started.
    const asked = page.waitForEvent('dialog').then(async (d) => {
      const text = d.message();
      await d.dismiss();
      return text;
    });
    await retry.click();
    const text = await asked;
    expect(text).toContain(`Retry uploads the photos of ${failed.projectName} again as a new project`);
    expect(text).toMatch(/That uses 1\.\d+ MB of credit; your token has [\d.]+ GB left\./);
    await expect(retry).toBeVisible();
    expect(web.runtime.jobs.get(created.id)?.state).toBe('failed');
    expect(cloud.stub.state.projects.size).toBe(projects);

    // OK: a new project from the original photos.
    page.once('dialog', (d) => void d.accept());
    await retry.click();
    await expect.poll(() => web.runtime.jobs.get(created.id)?.state, { timeout: 30_000 }).toBe('done');
    const again = web.runtime.jobs.get(created.id)!;
    expect(again.projectName).not.toBe(failed.projectName);
    expect(cloud.stub.state.projects.get(again.projectName)?.createCount).toBe(1);
  } finally {
    await web.close();
    await cloud.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
