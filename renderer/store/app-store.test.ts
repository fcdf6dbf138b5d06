/**
 * The store's ordering rules, with a fake window.scanbridge (the store imports the API at load):
 * an older job snapshot never replaces a newer one (the reply to createJob can arrive after the job's
 * first state events), and a slow scan does not pull the person back to Review once they left Home.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Job, ScanBridgeApi } from '../../main/contract/index.js';

let resolveScan: (v: unknown) => void = () => undefined;
const fakeApi = {
  on: () => () => undefined,
  scanPaths: () => new Promise((r) => (resolveScan = r)),
} as unknown as ScanBridgeApi;

let useApp: typeof import('./app-store.js').useApp;
let mergeJobs: typeof import('./app-store.js').mergeJobs;
beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { scanbridge: fakeApi };
  ({ useApp, mergeJobs } = await import('./app-store.js'));
});

function job(state: Job['state'], updatedAt: string, id = 'j1'): Job {
  return {
    id,
    backend: 'cloud',
    profile: 'OpenScan Cloud',
    projectName: 'Owl-ab12',
    source: { paths: ['/p'], photoCount: 3, totalBytes: 3 },
    state,
    progress: {
      fraction: 0,
      bytesDone: 0,
      bytesTotal: 0,
      rate: 0,
      etaSeconds: undefined,
      partsDone: 0,
      partsTotal: 0,
      stage: undefined,
    },
    createdAt: '2026-12-03T10:00:00.000Z',
    updatedAt,
  };
}

describe('app store', () => {
  it('keeps the newer job state when an older snapshot arrives late', () => {
    const { upsertJob } = useApp.getState();
    upsertJob(job('uploading', '2026-12-03T10:00:00.250Z'));
    upsertJob(job('queued', '2026-12-03T10:00:00.010Z')); // the createJob reply, late
    expect(useApp.getState().jobs.j1?.state).toBe('uploading');
    upsertJob(job('starting', '2026-12-03T10:00:05.000Z'));
    expect(useApp.getState().jobs.j1?.state).toBe('starting');
    upsertJob(job('processing', '2026-12-03T10:00:05.000Z')); // same millisecond: the later call wins
    expect(useApp.getState().jobs.j1?.state).toBe('processing');
  });

  it('the first job list keeps what events said meanwhile: newer states and jobs it does not hold', () => {
    const seen = {
      j1: job('uploading', '2026-12-03T10:00:02.000Z'),
      j2: job('queued', '2026-12-03T10:00:03.000Z', 'j2'),
    };
    const merged = mergeJobs(seen, [
      job('queued', '2026-12-03T10:00:00.000Z'),
      job('done', '2026-12-03T09:00:00.000Z', 'j0'),
    ]);
    expect(Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v.state]))).toEqual({
      j0: 'done',
      j1: 'uploading',
      j2: 'queued',
    });
  });

  it('a scan that ends after the person left Home keeps the review but not the screen', async () => {
    useApp.getState().go('home');
    const scanning = useApp.getState().scan(['/photos']);
    useApp.getState().go('projects');
    resolveScan({ paths: ['/photos'], photoCount: 2 });
    await scanning;
    expect(useApp.getState().screen).toBe('projects');
    expect(useApp.getState().review).toBeDefined();

    const again = useApp.getState().scan(['/photos']);
    resolveScan({ paths: ['/photos'], photoCount: 2 });
    await again;
    expect(useApp.getState().screen).toBe('review');
  });

  it('a notification click shows its job: Projects when finished, the queue when running or failed', () => {
    const { upsertJob, showJob, go } = useApp.getState();
    upsertJob(job('done', '2026-12-03T11:00:00.000Z', 'n-done'));
    upsertJob(job('failed', '2026-12-03T11:00:00.000Z', 'n-failed'));
    upsertJob(job('uploading', '2026-12-03T11:00:00.000Z', 'n-up'));
    showJob('n-done');
    expect(useApp.getState()).toMatchObject({ screen: 'projects', shownJobId: 'n-done' });
    showJob('n-failed');
    expect(useApp.getState()).toMatchObject({ screen: 'queue', shownJobId: 'n-failed' });
    showJob('n-up');
    expect(useApp.getState()).toMatchObject({ screen: 'queue', shownJobId: 'n-up' });
    // Going elsewhere by hand ends the highlight.
    go('home');
    expect(useApp.getState().shownJobId).toBeUndefined();
  });
});
