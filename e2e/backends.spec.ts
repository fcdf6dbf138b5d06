/**
 * One job board for every backend: a NodeODM node added in Settings, a set sent there from the
 * review (with the cloud offline, the app says so and offers the alternatives), the Projects screen
 * listing both backends, filterable, and "send this set to another backend" from a finished job.
 */
import path from 'node:path';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { startNodeOdmStub } from '../server-stub/nodeodm/index.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

test('send a set to a NodeODM node and to the cloud; the board lists and filters both', async ({
  page,
  world,
}) => {
  const node = await startNodeOdmStub({ processingMs: 1500 });
  try {
    await world.web.runtime.secrets.set(GOOD_TOKEN);
    const setDir = path.join(world.dir, 'Bust');
    await makePhotoSet(setDir, { count: 12, bytesEach: 100_000, seed: 7 });

    await page.goto(world.web.pageUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lab node');
    await page.getByLabel('Address').fill(node.url);
    await page.getByRole('button', { name: 'Add node' }).click();
    await expect(page.getByTestId('profile-row')).toContainText('Lab node');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await screen(page, '20-settings-nodes');

    // The cloud goes into maintenance: the review says so and offers the node.
    world.stub.setStatus('maintenance');
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByLabel('Folder or zip path').fill(setDir);
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expect(page.getByTestId('alternatives')).toContainText('not online');
    await screen(page, '21-review-alternatives');
    await page.getByRole('button', { name: /NodeODM: Lab node/ }).click();

    await page.getByRole('button', { name: 'Projects' }).click();
    const rows = page.getByTestId('project-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('NodeODM: Lab node');
    await expect(rows.first().getByTestId('project-status')).toContainText('Done', { timeout: 60_000 });
    expect(node.state.tasks.size).toBe(1);

    // From the finished node job: send the same set to the cloud (back online).
    world.stub.setStatus('online');
    const row = rows.first();
    await row.getByRole('button', { name: /^More actions for / }).click();
    await page
      .getByRole('group', { name: 'Send this set to' })
      .getByRole('menuitem', { name: 'OpenScan Cloud' })
      .click();
    await expect(rows).toHaveCount(2);
    await expect(page.getByRole('cell', { name: 'OpenScan Cloud', exact: true })).toBeVisible();
    await expect
      .poll(
        () => [...world.stub.state.projects.values()].filter((p) => p.status === 'processing done').length,
        { timeout: 60_000 },
      )
      .toBe(1);

    // The filter narrows the board to one backend.
    await page
      .getByRole('combobox', { name: 'Show projects of' })
      .selectOption({ label: 'NodeODM: Lab node' });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('NodeODM: Lab node');
    await screen(page, '22-projects-board');
  } finally {
    await node.close();
  }
});
