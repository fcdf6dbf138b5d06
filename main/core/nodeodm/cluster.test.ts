/**
 * The same NodeODM flow behind a ClusterODM-style proxy (server-stub/nodeodm/cluster.ts, after
 * ../shared/peers/clusterodm/README.md): tasks routed at commit, a placeholder until the node takes
 * over (whose console numbering restarts), 401 with an empty body for a missing or wrong token, no node
 * online is "try later", a task the cluster does not know is NOT_FOUND.
 */
import { logFields } from '../log-line.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClusterOdmStub, type ClusterStub } from '../../../server-stub/nodeodm/cluster.js';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { createNodeOdmBackend } from './backend.js';
import { createNodeOdmClient } from './client.js';
import { FAST_RETRY, makePhotoSet, recordingContext } from './test-fixtures.js';
import { COMPLETED_OUTPUT } from '../../../server-stub/nodeodm/canned-output.js';

let dir: string;
let nodes: NodeOdmStub[] = [];
let cluster: ClusterStub | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cluster-test-'));
});
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  await Promise.all(nodes.splice(0).map((n) => n.close()));
  await rm(dir, { recursive: true, force: true });
});

async function setup(o: { token?: string; forwardDelayMs?: number; count?: number } = {}) {
  nodes = await Promise.all(
    Array.from({ length: o.count ?? 2 }, () => startNodeOdmStub({ processingMs: 50 })),
  );
  cluster = await startClusterOdmStub({
    nodes: nodes.map((n) => n.url),
    ...(o.token ? { token: o.token } : {}),
    forwardDelayMs: o.forwardDelayMs ?? 0,
  });
  return cluster;
}

describe('NodeODM flow behind ClusterODM', () => {
  it('routes at commit, shows a placeholder meanwhile, and the console starts at the node’s first line', async () => {
    const c = await setup({ token: 'cluster-token', forwardDelayMs: 300 });
    const backend = createNodeOdmBackend({ url: c.url, token: 'cluster-token', retry: FAST_RETRY });
    const ctx = recordingContext();
    const set = await makePhotoSet(dir, 3);
    let h = await backend.create(set, 'via-cluster', ctx);
    h = await backend.upload(h, ctx);
    h = await backend.start(h, ctx);
    // Forwarding in progress: the cluster's placeholder.
    expect(await backend.poll(h, ctx)).toMatchObject({ phase: 'processing' });
    const lines: string[] = [];
    for (;;) {
      const st = await backend.poll(h, ctx);
      lines.push(...(await backend.logs!(h, ctx)).map((l) => ('tool' in l ? l.text : logFields(l).message)));
      if (st.phase === 'done') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    lines.push(...(await backend.logs!(h, ctx)).map((l) => ('tool' in l ? l.text : logFields(l).message)));
    expect(lines[0]).toBe(COMPLETED_OUTPUT[0]);
    expect(lines).toEqual([...COMPLETED_OUTPUT]);
    expect(c.routes.get(h.uuid)).toBe(nodes[0]!.url);
    expect(nodes[0]!.state.tasks.get(h.uuid)?.images).toHaveLength(3);
    const files = await backend.download(h, path.join(dir, 'out'), ctx);
    expect(files.some((f) => f.endsWith('.obj'))).toBe(true);
  });

  it('401 with an empty body: the cluster refused this token, or none was sent (INVALID_TOKEN)', async () => {
    const c = await setup({ token: 'right' });
    await expect(
      createNodeOdmClient({ url: c.url, token: 'wrong', retry: FAST_RETRY }).info(),
    ).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      message: expect.stringMatching(/refused this token/),
    });
    await expect(createNodeOdmClient({ url: c.url, retry: FAST_RETRY }).info()).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      message: expect.stringMatching(/none was sent/),
    });
  });

  it('no node online: /info still answers, creating a task is a retryable "try later"', async () => {
    const c = await setup({ count: 1 });
    await nodes[0]!.kill();
    const client = createNodeOdmClient({ url: c.url, retry: FAST_RETRY });
    expect((await client.info()).version).toBe('1.5.3');
    await expect(client.initTask('x', [])).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
    await expect(client.options()).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('a task id the cluster has no entry for is NOT_FOUND', async () => {
    const c = await setup();
    const client = createNodeOdmClient({ url: c.url, retry: FAST_RETRY });
    await expect(client.taskInfo('00000000-1111-4222-8333-444444444444')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(client.removeTask('00000000-1111-4222-8333-444444444444')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
