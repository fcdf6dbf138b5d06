/**
 * The estimator in the job manager, against the stub over real HTTP: a finished cloud job records how
 * long the cloud processed it, and the next job's "model ready in" counts that time instead of leaving
 * processing unknown.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { openRuntime } from '../runtime.js';
import type { ModelEstimate } from './estimate.js';

const TOKEN = 'estimate-test-token-91c2';
let dir: string;
let stub: CloudStub;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-estimate-'));
  stub = await startCloudStub({
    tokens: [{ token: TOKEN }],
    schedule: { startedAfterMs: 20, doneAfterMs: 400 },
  });
});
afterEach(async () => {
  await stub.close();
  await fs.rm(dir, { recursive: true, force: true });
});

it('past cloud jobs give the processing part of the next job’s estimate', async () => {
  const photos = path.join(dir, 'set');
  await makePhotoSet(photos, { count: 4, bytesEach: 30_000, seed: 5 });
  const rt = await openRuntime({
    dataDir: path.join(dir, 'data'),
    tokenOverride: TOKEN,
    endpointOverride: stub.url,
    poll: { firstMs: 20, maxMs: 50 },
  });
  try {
    const first = await rt.jobs.create({ paths: [photos], autoDownload: false });
    const seen: (ModelEstimate | undefined)[] = [];
    rt.jobs.subscribe((e) => {
      if (e.type === 'job:state' && e.job.id === first.id) seen.push(e.job.progress.model);
    });
    await rt.jobs.whenIdle();
    const done = rt.jobs.get(first.id)!;
    expect(done.state).toBe('done');
    const processing = done.result?.summary?.processing as { seconds: number };
    expect(processing.seconds).toBeGreaterThanOrEqual(0.2);
    // The first job knew nothing about processing: its estimates were lower bounds.
    expect(seen.filter(Boolean).every((m) => m!.atLeast && m!.processing === undefined)).toBe(true);
    expect(done.progress.model).toBeUndefined();

    const second = await rt.jobs.create({ paths: [photos], autoDownload: false });
    const models: ModelEstimate[] = [];
    rt.jobs.subscribe((e) => {
      // Only estimates made before processing began: once it runs, the estimate is what is left of it
      // (history minus elapsed), and on a loaded machine the first event may already be from then.
      const before = e.type === 'job:state' && e.job.state !== 'processing' && e.job.state !== 'starting';
      if (before && e.job.id === second.id && e.job.progress.model) models.push(e.job.progress.model);
    });
    await rt.jobs.whenIdle();
    const withProcessing = models.filter((m) => m.processing !== undefined);
    expect(withProcessing.length).toBeGreaterThan(0);
    // Same set, same backend: an estimate before processing is the first run's time (its seconds per photo × 4).
    expect(withProcessing[0]!.processing).toBe(Math.round(processing.seconds));
  } finally {
    await rt.close();
  }
});
