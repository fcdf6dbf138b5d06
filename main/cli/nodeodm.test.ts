/**
 * The CLI side of NodeODM against the NodeODM stub over real HTTP: a node by its address (no saved
 * profile), saved profiles whose token stays out of settings.json, status/download of a NodeODM job,
 * and a failed task's exit code.
 */
import { readFile, readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeOdmStub, type NodeOdmStub } from '../../server-stub/nodeodm/index.js';
import { cliFixture, type CliFixture } from './testing/fixtures.js';
import { runCli } from './testing/run-cli.js';

const NODE_TOKEN = 'node-token-9a8b7c6d';
let f: CliFixture;
let node: NodeOdmStub;
let locked: NodeOdmStub;
beforeAll(async () => {
  f = await cliFixture();
  node = await startNodeOdmStub({ processingMs: 300 });
  locked = await startNodeOdmStub({ processingMs: 300, token: NODE_TOKEN });
});
afterAll(async () => {
  await node.close();
  await locked.close();
  await f.close();
});

describe('scanbridge with NodeODM', () => {
  it('upload --backend nodeodm --endpoint URL --wait, then status and download by job id', async () => {
    const dataDir = await f.dataDir();
    const photos = await f.photos('node-set', 4);
    const r = await runCli(
      [
        '--json',
        'upload',
        photos,
        '--backend',
        'nodeodm',
        '--endpoint',
        node.url,
        '--wait',
        '--option',
        'fast-orthophoto=true',
      ],
      { dataDir },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ backend: 'nodeodm', state: 'done', folder: null });
    const task = [...node.state.tasks.values()][0]!;
    expect(task.options).toContainEqual({ name: 'fast-orthophoto', value: true });

    const s = await runCli(['--json', 'status', out.jobId], { dataDir });
    expect(s.code, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ backend: 'nodeodm', phase: 'done', job: { id: out.jobId } });

    const dl = path.join(f.base, 'node-dl');
    const d = await runCli(['--json', 'download', out.jobId, dl], { dataDir });
    expect(d.code, d.stderr).toBe(0);
    const got = JSON.parse(d.stdout);
    expect(got.files.length).toBeGreaterThan(0);
    expect((await readdir(got.folder)).length).toBeGreaterThan(0);
  });

  it('profiles add/list/remove; the node token is kept out of settings.json and used for uploads', async () => {
    const dataDir = await f.dataDir();
    const add = await runCli(
      ['profiles', 'add', 'rig-node', '--endpoint', locked.url, '--node-token', NODE_TOKEN],
      {
        dataDir,
      },
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout + add.stderr).not.toContain(NODE_TOKEN);
    const settings = await readFile(path.join(dataDir, 'settings.json'), 'utf8');
    expect(settings).toContain('rig-node');
    expect(settings).not.toContain(NODE_TOKEN);

    const list = await runCli(['--json', 'profiles', 'list'], { dataDir });
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'rig-node', endpoint: locked.url }),
    ]);

    const photos = await f.photos('node-profile', 3);
    const up = await runCli(['--json', 'upload', photos, '--backend', 'nodeodm', '--profile', 'rig-node'], {
      dataDir,
    });
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout).state).toBe('processing');

    const rm = await runCli(['profiles', 'remove', 'rig-node'], { dataDir });
    expect(rm.code).toBe(0);
    expect(JSON.parse((await runCli(['--json', 'profiles', 'list'], { dataDir })).stdout)).toEqual([]);
    const gone = await runCli(['upload', photos, '--backend', 'nodeodm', '--profile', 'rig-node'], {
      dataDir,
    });
    expect(gone.code).toBe(6);
  });

  it('a node that refuses the token: exit 3', async () => {
    const photos = await f.photos('node-denied', 2);
    const r = await runCli(
      ['upload', photos, '--backend', 'nodeodm', '--endpoint', locked.url, '--node-token', 'wrong'],
      {
        dataDir: await f.dataDir(),
      },
    );
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).not.toContain('wrong&');
  });

  it('a mistyped option: exit 6, the error said once with its hint and the option it resembles', async () => {
    const photos = await f.photos('node-typo', 2);
    const r = await runCli(
      ['upload', photos, '--backend', 'nodeodm', '--endpoint', node.url, '--option', 'fast-ortho=true'],
      { dataDir: await f.dataDir() },
    );
    expect(r.code, r.stderr).toBe(6);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/fast-ortho: not an option of this node \(did you mean "fast-orthophoto"\?\)/);
    expect(r.stderr).toMatch(/^ {2}Fix the listed options/m);
  });

  it('a task the node fails: exit 7', async () => {
    const failing = await startNodeOdmStub({ processingMs: 200, failTasks: true });
    try {
      const photos = await f.photos('node-fail', 2);
      const r = await runCli(
        ['upload', photos, '--backend', 'nodeodm', '--endpoint', failing.url, '--wait'],
        {
          dataDir: await f.dataDir(),
        },
      );
      expect(r.code, r.stderr).toBe(7);
      expect(r.stderr).toMatch(/failed/);
    } finally {
      await failing.close();
    }
  });

  // A dead node must not hold a rig for minutes: it is a try-later (exit 5) within 20 s, in --json too.
  async function deadNode(kind: 'refused' | 'silent'): Promise<{ url: string; close: () => Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((sock) => {
      sockets.add(sock); // accepted and never answered
      sock.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const close = async () => {
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    if (kind === 'refused') await close(); // nothing listens on the port any more
    return { url: `http://127.0.0.1:${port}`, close: kind === 'refused' ? async () => undefined : close };
  }

  for (const kind of ['refused', 'silent'] as const) {
    it(`a dead node (${kind === 'refused' ? 'connection refused' : 'accepts and never answers'}): exit 5 within 20 s, said in --json`, async () => {
      const dead = await deadNode(kind);
      try {
        const photos = await f.photos(`node-dead-${kind}`, 2);
        const started = Date.now();
        const r = await runCli(['--json', 'upload', photos, '--backend', 'nodeodm', '--endpoint', dead.url], {
          dataDir: await f.dataDir(),
          timeoutMs: 40_000,
        });
        const seconds = (Date.now() - started) / 1000;
        expect(r.signal, 'the command had to be killed').toBeNull();
        expect(r.code, r.stderr).toBe(5);
        expect(seconds).toBeLessThan(20);
        const out = JSON.parse(r.stdout) as { ok?: boolean; error?: { code?: string; retryable?: boolean } };
        expect(out.error?.retryable).toBe(true);
        expect(['NETWORK', 'TIMEOUT']).toContain(out.error?.code);
      } finally {
        await dead.close();
      }
    });
  }
});
