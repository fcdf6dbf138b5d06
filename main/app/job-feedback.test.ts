import { describe, expect, it } from 'vitest';
import type { Job } from '../contract/index.js';
import { noticeFor, overallProgress, taskbarProgress } from './job-feedback.js';
import { sanitize } from '../core/sanitize.js';
import { createMainI18n } from './i18n.js';

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

describe('taskbarProgress', () => {
  it('shows the working jobs, normal mode', () => {
    expect(taskbarProgress([job('uploading', 0.5, 300), job('paused', 0, 100)], 'linux')).toEqual({
      value: 0.5,
      mode: 'normal',
    });
  });
  it('shows paused jobs in paused mode on Windows only, and removes the bar when idle', () => {
    const paused = [job('paused', 0.25, 100), job('done', 1, 100)];
    expect(taskbarProgress(paused, 'win32')).toEqual({ value: 0.25, mode: 'paused' });
    expect(taskbarProgress(paused, 'darwin')).toEqual({ value: -1, mode: 'none' });
    expect(taskbarProgress([job('done', 1, 1), job('queued', 0, 1)], 'win32')).toEqual({
      value: -1,
      mode: 'none',
    });
  });
});

describe('noticeFor', () => {
  const en = createMainI18n('en').t;
  const de = createMainI18n('de').t;
  const clean = sanitize;

  it('announces done once, and its click opens the result folder', () => {
    const done = job('done', 1, 1, { result: { folder: '/results/owl' } });
    const n = noticeFor('downloading', done, en, clean);
    expect(n).toEqual({
      title: 'Model ready',
      body: '“owl-scan” has finished. Click to open the result.',
      target: { kind: 'folder', path: '/results/owl', jobId: 'j' },
    });
    expect(noticeFor('done', done, en, clean)).toBeUndefined();
    // First seen already done (a noted link, a journal replay): nothing to announce.
    expect(noticeFor(undefined, done, en, clean)).toBeUndefined();
    expect(noticeFor('downloading', job('done', 1, 1), en, clean)?.target).toEqual({
      kind: 'job',
      jobId: 'j',
    });
  });

  it('says why a job failed from the catalogue, never the server sentence, and opens the job', () => {
    const failed = job('failed', 0.3, 1, {
      error: { name: 'E', code: 'NETWORK', message: 'Wi-Fi gone. \u001b]0;pwned\u0007', retryable: true },
    });
    const n = noticeFor('uploading', failed, en, clean);
    expect(n?.title).toBe('Job failed');
    expect(n?.body).toBe(
      '“owl-scan” failed: The server could not be reached. The job waits and can be resumed.',
    );
    expect(n?.body).not.toContain('Wi-Fi');
    expect(n?.target).toEqual({ kind: 'job', jobId: 'j' });
    expect(noticeFor('uploading', job('cancelled', 0, 1), en, clean)).toBeUndefined();
    expect(noticeFor('queued', job('uploading', 0, 1), en, clean)).toBeUndefined();
  });

  it('speaks German and cleans a name that came from a server', () => {
    const done = job('done', 1, 1, { projectName: 'owl\u001b[2J\u202escan' });
    const n = noticeFor('processing', done, de, clean);
    expect(n?.title).toBe('Modell fertig');
    expect(n?.body).toBe('„owlscan“ ist fertig. Klicken Sie, um das Ergebnis zu öffnen.');
  });

  it('says a failure’s specifics (code + params) in German, never the core’s English sentence', () => {
    const failed = job('failed', 0, 1, {
      error: {
        name: 'LimitExceededError',
        code: 'INSUFFICIENT_CREDIT',
        message: 'This set needs 12.3 MB of credit; your token has 4.58 MB left.',
        retryable: false,
        detail: 'credit',
        params: { size: 12_345_678, left: 4_580_000 },
      },
    });
    const n = noticeFor('creating', failed, de, clean);
    expect(n?.body).toContain('Dieser Satz braucht 12,3 MB Guthaben; das Token hat noch 4,58 MB.');
    expect(n?.body).not.toMatch(/credit|your token/);
  });

  it('names an unnamed job by the folder it came from', () => {
    const n = noticeFor(
      'uploading',
      job('failed', 0, 1, {
        projectName: '',
        source: { paths: ['/photos/owl'], photoCount: 1, totalBytes: 1 },
      }),
      en,
      clean,
    );
    expect(n?.body).toMatch(/^“owl” failed: Something went wrong inside ScanBridge\.$/);
  });
});
