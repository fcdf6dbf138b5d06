/**
 * uploadParts against the OpenScan Cloud stub with its fault injection: whatever goes wrong on the way,
 * the stub ends up holding exactly the zip a clean run produces.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { CrcStore } from '../pack/crc-store.js';
import { planZip } from '../pack/plan.js';
import { makeFiles, tempDir, wholeZip } from '../pack/testing/fixtures.js';
import type { ZipPlan } from '../pack/types.js';
import { uploadParts } from './upload-parts.js';

const MiB = 1024 * 1024;
const AUTH = `Basic ${Buffer.from('openscan:free').toString('base64')}`;
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});

async function call(
  stub: CloudStub,
  endpoint: string,
  params: Record<string, string | number>,
): Promise<Record<string, unknown>> {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await fetch(`${stub.url}/${endpoint}?${qs}`, { headers: { Authorization: AUTH } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${endpoint}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function project(
  faults: Parameters<typeof startCloudStub>[0] = {},
): Promise<{ stub: CloudStub; plan: ZipPlan; urls: string[]; name: string }> {
  const t = await tempDir('sb-upstub-');
  cleanups.push(t.cleanup);
  const entries = await makeFiles(t.dir, [
    { name: 'IMG_1.jpg', size: 2 * MiB + 5 },
    { name: 'IMG_2.jpg', size: 1.7 * MiB },
    { name: 'IMG_3.jpg', size: 2.2 * MiB },
    { name: 'IMG_4.jpg', size: 0.9 * MiB },
  ]);
  const plan = planZip(entries, { partSize: MiB });
  const stub = await startCloudStub(faults);
  cleanups.push(() => stub.close());
  const name = `bench-${Date.now()}`;
  const created = await call(stub, 'createProject', {
    token: 'public',
    project: name,
    photos: entries.length,
    parts: plan.parts.length,
    filesize: plan.totalSize,
  });
  return { stub, plan, urls: created.ulink as string[], name };
}

describe('uploadParts against the cloud stub', () => {
  it('cut connections (30%) and a 5xx burst end with the same zip as a clean run', async () => {
    const { stub, plan, urls, name } = await project();
    stub.setFaults({ uploadCutRate: 0.3, seed: 3, serverErrorBurst: 2 });
    let retries = 0;
    const confirmed = new Set<number>();
    await uploadParts({
      plan,
      urls,
      crcs: new CrcStore(),
      concurrency: 3,
      retries: 8,
      retryBaseMs: 5,
      retryMaxMs: 30,
      idleTimeoutMs: 2000,
      onRetry: () => void retries++,
      onPartDone: async (i) => void confirmed.add(i),
    });
    expect(confirmed.size).toBe(plan.parts.length);
    expect(retries).toBeGreaterThanOrEqual(2);
    stub.setFaults({ uploadCutRate: 0 });
    const got = await readFile(await stub.assembledZipPath(name));
    expect(got.equals(await wholeZip(plan))).toBe(true);
  });

  it('links that expire mid-job are renewed through getProjectInfo', async () => {
    const { stub, plan, urls, name } = await project();
    let renewed = 0;
    await uploadParts({
      plan,
      urls,
      crcs: new CrcStore(),
      concurrency: 1,
      onPartDone: async (i) => {
        if (i === 1) stub.expireLinksNow();
      },
      renewUrls: async () => {
        renewed++;
        return (await call(stub, 'getProjectInfo', { token: 'public', project: name })).ulink as string[];
      },
    });
    expect(renewed).toBe(1);
    const got = await readFile(await stub.assembledZipPath(name));
    expect(got.equals(await wholeZip(plan))).toBe(true);
  });
});
