import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { createNodeOdmClient } from './client.js';
import { downloadAsset } from './download.js';
import { committedTask, FAST_RETRY, tempDir } from './test-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let stub: NodeOdmStub;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  stub = await startNodeOdmStub({ processingMs: 0, resultPadBytes: 200_000 });
});
afterEach(async () => {
  await stub.close();
  await cleanup();
});

async function finishedTask(): Promise<string> {
  const c = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
  const uuid = await committedTask(c, 'dl');
  // Test mode finishes at once, but not within the commit's reply.
  while ((await c.taskInfo(uuid)).status.code !== 40) await new Promise((r) => setTimeout(r, 5));
  return uuid;
}

describe('downloadAsset', () => {
  it('downloads whole, and again whole when the file is already there (the node ignores Range)', async () => {
    const c = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const uuid = await finishedTask();
    const dest = path.join(dir, 'all.zip');
    const size = await downloadAsset(c, uuid, 'all.zip', dest);
    expect((await stat(dest)).size).toBe(size);
    expect(size).toBeGreaterThan(200_000);
    const before = await readFile(dest);
    expect(await downloadAsset(c, uuid, 'all.zip', dest)).toBe(size);
    expect((await readFile(dest)).equals(before)).toBe(true);
  });

  it('replaces a partial file with the whole body when the node answers a Range request with 200', async () => {
    const c = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const uuid = await finishedTask();
    const whole = path.join(dir, 'whole.zip');
    await downloadAsset(c, uuid, 'all.zip', whole);
    const bytes = await readFile(whole);
    const part = path.join(dir, 'part.zip');
    await writeFile(part, bytes.subarray(0, 12_345));
    await downloadAsset(c, uuid, 'all.zip', part);
    expect((await readFile(part)).equals(bytes)).toBe(true);
  });

  it('never writes an error reply into the zip', async () => {
    stub.state.tasks.clear();
    const c = createNodeOdmClient({ url: stub.url, retry: FAST_RETRY });
    const dest = path.join(dir, 'none.zip');
    await expect(
      downloadAsset(c, 'b7e1c7a0-0000-4000-8000-000000000000', 'all.zip', dest),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(stat(dest)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
