/**
 * A node that needs a token (NodeODM started with --token): the token is typed once in Settings' node
 * editor, kept outside settings.json, sent to that node only, and can be forgotten again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makePhotoSet } from '../main/core/photos/testing/make-set.js';
import { startNodeOdmStub } from '../server-stub/nodeodm/index.js';
import { GOOD_TOKEN, expect, screen, test } from './fixtures.js';

const NODE_TOKEN = 'node-Tk-4f9b2e71c0d8';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

test('a NodeODM token typed in the node editor reaches its node only, never settings.json', async ({
  page,
  world,
}) => {
  const node = await startNodeOdmStub({ processingMs: 500, token: NODE_TOKEN });
  const other = await startNodeOdmStub({ processingMs: 500 });
  try {
    await world.web.runtime.secrets.set(GOOD_TOKEN);
    const setDir = path.join(world.dir, 'Vase');
    await makePhotoSet(setDir, { count: 6, bytesEach: 60_000, seed: 11 });

    await page.goto(world.web.pageUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Locked node');
    await page.getByLabel('Address').fill(node.url);
    await page.getByLabel('Token (if the node needs one)').fill(NODE_TOKEN);
    await page.getByRole('button', { name: 'Add node' }).click();
    const rows = page.getByTestId('profile-row');
    await expect(rows.filter({ hasText: 'Locked node' }).getByTestId('profile-token')).toHaveText(
      'token saved',
    );
    await expect(page.getByLabel('Token (if the node needs one)')).toHaveValue('');
    // A second node without a token: it must never see the first node's token.
    await page.getByLabel('Name', { exact: true }).fill('Open node');
    await page.getByLabel('Address').fill(other.url);
    await page.getByRole('button', { name: 'Add node' }).click();
    await expect(rows.filter({ hasText: 'Open node' }).getByTestId('profile-token')).toHaveText('no token');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await screen(page, '23-settings-node-token');

    // The set goes to the locked node (offered while the cloud is in maintenance) and finishes there.
    world.stub.setStatus('maintenance');
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByLabel('Folder or zip path').fill(setDir);
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('button', { name: /NodeODM: Locked node/ }).click();
    await page.getByRole('button', { name: 'Projects' }).click();
    const project = page.getByTestId('project-row').first();
    await expect(project.getByTestId('project-status')).toContainText('Done', { timeout: 60_000 });
    expect(node.state.tasks.size).toBe(1);
    expect(node.state.tokensSeen.length).toBeGreaterThan(0);
    expect(new Set(node.state.tokensSeen)).toEqual(new Set([NODE_TOKEN]));
    expect(other.state.tokensSeen).toEqual([]);

    // The token sits in the secret store (its own entry, not settings.json), and no file the app wrote
    // carries it in the clear.
    const data = path.join(world.dir, 'data');
    const settingsFile = path.join(data, 'settings.json');
    expect(fs.readFileSync(settingsFile, 'utf8')).toContain('Locked node');
    const files = filesUnder(data);
    expect(files.some((f) => /secrets[/\\]nodeodm-p-Locked_node-/.test(f))).toBe(true);
    for (const f of files) expect(fs.readFileSync(f, 'latin1'), f).not.toContain(NODE_TOKEN);

    // Forget the token: the row says so at once, and again after a reload.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Forget the token of Locked node' }).click();
    await expect(rows.filter({ hasText: 'Locked node' }).getByTestId('profile-token')).toHaveText('no token');
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(
      page.getByTestId('profile-row').filter({ hasText: 'Locked node' }).getByTestId('profile-token'),
    ).toHaveText('no token');
  } finally {
    await node.close();
    await other.close();
  }
});
