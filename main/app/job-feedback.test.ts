import { describe, expect, it } from 'vitest';
import type { Job } from '../contract/index.js';
import { notificationFor, overallProgress } from './job-feedback.js';

function job(state: Job['state'], fraction: number, bytesTotal: number, extra: Partial<Job> = {}): Job {
  return {
    id: 'j',
    backend: 'cloud',
    profile: '',
    projectName: 'owl-scan',
    source: { paths: ['/p'], photoCount: 3, totalBytes: bytesTotal },
    state,
    progress: {
      fraction,
      bytesDone: fraction * bytesTotal,
      bytesTotal,
      rate: 0,
      partsDone: 0,
      partsTotal: 1,
    },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

describe('overallProgress', () => {
  it('is -1 when nothing runs', () => {
    expect(overallProgress([])).toBe(-1);
    expect(overallProgress([job('done', 1, 10), job('paused', 0.5, 10), job('queued', 0, 10)])).toBe(-1);
  });
  it('weights active jobs by size and clamps junk', () => {
    expect(overallProgress([job('uploading', 0.5, 300), job('processing', 1, 100)])).toBeCloseTo(0.625);
    expect(overallProgress([job('uploading', Number.NaN, 100)])).toBe(0);
    expect(overallProgress([job('uploading', 7, 100)])).toBe(1);
  });
});

describe('notificationFor', () => {
  it('announces done and failed once', () => {
    expect(notificationFor('downloading', job('done', 1, 1))?.title).toBe('Model ready');
    expect(notificationFor('done', job('done', 1, 1))).toBeUndefined();
    const failed = job('failed', 0.3, 1, {
      error: { name: 'E', code: 'NETWORK', message: 'Wi-Fi gone.', retryable: true },
    });
    expect(notificationFor('uploading', failed)?.body).toContain('Wi-Fi gone.');
    expect(notificationFor('queued', job('uploading', 0, 1))).toBeUndefined();
  });
});
