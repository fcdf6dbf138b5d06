/**
 * The cloud's download link is kept in the job: recorded with the time the cloud reported it when a
 * job finishes, journaled (a restart still shows it), and renewed by a refresh when the cloud hands
 * out a new one. Against the stub over real HTTP.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { openRuntime } from '../runtime.js';
import { createServiceFromRuntime } from '../service/from-runtime.js';
import { cloudStatusKey } from './cloud-status.js';
import { RESULT_LINK_LIFETIME_MS, linkExpired, withDownloadLink } from './result-link.js';

describe('withDownloadLink / linkExpired', () => {
  const t0 = new Date('2026-01-01T10:00:00Z');
  it('records the link with the time it was reported and a week of life', () => {
    const r = withDownloadLink({ folder: '/x' }, 'https://a/1', t0);
    expect(r).toEqual({
      folder: '/x',
      downloadUrl: 'https://a/1',
      linkReportedAt: '2026-01-01T10:00:00.000Z',
      linkExpiresAt: new Date(t0.getTime() + RESULT_LINK_LIFETIME_MS).toISOString(),
    });
    expect(linkExpired(r, new Date(t0.getTime() + RESULT_LINK_LIFETIME_MS - 1))).toBe(false);
    expect(linkExpired(r, new Date(t0.getTime() + RESULT_LINK_LIFETIME_MS))).toBe(true);
  });
  it('the same link keeps its first time; a different link starts a new week', () => {
    const r = withDownloadLink(undefined, 'https://a/1', t0);
    const later = new Date(t0.getTime() + 3600_000);
    expect(withDownloadLink(r, 'https://a/1', later)).toBe(r);
    expect(withDownloadLink(r, 'https://a/2', later).linkReportedAt).toBe(later.toISOString());
  });
  it('a result without times counts as expired', () => {
    expect(linkExpired({ downloadUrl: 'https://a' }, t0)).toBe(true);
    expect(linkExpired({ downloadUrl: 'https://a', linkExpiresAt: 'soon' }, t0)).toBe(true);
  });
});

describe('cloudStatusKey', () => {
  it.each([
    [{ status: 'processing done', dlink: 'https://x' }, 'done'],
    [{ status: 'processing done' }, 'waitingForLink'],
    [{ status: 'processing started' }, 'processing'],
    [{ status: 'initialized' }, 'queued'],
    [{ status: 'created' }, 'created'],
    [{ status: 'processing failed' }, 'failed'],
    [{ status: '' }, 'gone'],
    [{ status: 'expired' }, 'gone'],
    [{ status: 'wobbling' }, 'unknown'],
  ] as const)('%j → %s', (info, key) => expect(cloudStatusKey(info)).toBe(key));
});

describe('the link in the job, against the stub', () => {
  const TOKEN = 'link-test-token-4e2b7d';
  let dir: string;
  let stub: CloudStub;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-link-'));
    stub = await startCloudStub({
      tokens: [{ token: TOKEN }],
      schedule: { startedAfterMs: 20, doneAfterMs: 60 },
    });
  });
  afterEach(async () => {
    await stub.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is kept when the cloud reports done, survives a restart, and a refresh renews it', async () => {
    const photos = path.join(dir, 'set');
    await makePhotoSet(photos, { count: 4, bytesEach: 30_000, seed: 7 });
    const dataDir = path.join(dir, 'data');
    const open = () =>
      openRuntime({
        dataDir,
        tokenOverride: TOKEN,
        endpointOverride: stub.url,
        poll: { firstMs: 20, maxMs: 60 },
      });
    const before = Date.now();
    let rt = await open();
    const created = await rt.jobs.create({ paths: [photos], downloadDir: path.join(dir, 'dl') });
    await rt.jobs.whenIdle();
    const done = rt.jobs.get(created.id)!;
    await rt.close();
    expect(done.state).toBe('done');
    const dlink = stub.state.projects.get(done.projectName)!.dlink!;
    expect(done.result?.downloadUrl).toBe(dlink);
    const reported = Date.parse(done.result!.linkReportedAt!);
    expect(reported).toBeGreaterThanOrEqual(before);
    expect(Date.parse(done.result!.linkExpiresAt!) - reported).toBe(RESULT_LINK_LIFETIME_MS);

    rt = await open();
    await rt.secrets.set(TOKEN); // the service asks the secret store, not the runtime's override
    await rt.jobs.resumeAll();
    expect(rt.jobs.get(created.id)?.result).toMatchObject({
      downloadUrl: dlink,
      linkReportedAt: done.result!.linkReportedAt,
    });
    const svc = createServiceFromRuntime(rt, { mode: 'web', version: '0.0.0' });
    try {
      const same = await svc.refreshProject(created.id);
      expect(same.statusKey).toBe('done');
      expect(same.job.result?.linkReportedAt).toBe(done.result!.linkReportedAt);
      // The cloud hands out a new link (the old one expired): it replaces the old one and starts a new week.
      stub.state.projects.get(done.projectName)!.dlink = `${dlink}&renewed=1`;
      const renewed = await svc.refreshProject(created.id);
      expect(renewed.job.result?.downloadUrl).toBe(`${dlink}&renewed=1`);
      expect(Date.parse(renewed.job.result!.linkReportedAt!)).toBeGreaterThan(reported);
      expect(rt.jobs.get(created.id)?.result?.downloadUrl).toBe(`${dlink}&renewed=1`);
    } finally {
      svc.close();
      await rt.close();
    }
  });
});
