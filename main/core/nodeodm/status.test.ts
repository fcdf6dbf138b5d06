import { describe, expect, it } from 'vitest';
import type { TaskInfo } from './client.js';
import { isTerminal, toBackendStatus } from './status.js';

const info = (code: number, progress: number, errorMessage?: string): TaskInfo => ({
  uuid: 'u',
  name: 'n',
  dateCreated: 0,
  processingTime: 0,
  status: errorMessage ? { code, errorMessage } : { code },
  imagesCount: 3,
  progress,
  options: [],
});

describe('toBackendStatus', () => {
  it('maps 10/20/30/40/50 and 0–100 progress to the UI’s phases', () => {
    expect(toBackendStatus(info(10, 0))).toEqual({
      phase: 'queued',
      raw: 'queued (10)',
      progress: 0,
      resultReady: false,
    });
    expect(toBackendStatus(info(20, 42))).toMatchObject({
      phase: 'processing',
      progress: 0.42,
      resultReady: false,
    });
    expect(toBackendStatus(info(30, 10, 'Not enough images'))).toMatchObject({
      phase: 'failed',
      message: 'Not enough images',
      resultReady: false,
    });
    expect(toBackendStatus(info(30, 10)).message).toMatch(/console output/);
    expect(toBackendStatus(info(40, 99))).toEqual({
      phase: 'done',
      raw: 'completed (40)',
      progress: 1,
      resultReady: true,
    });
    expect(toBackendStatus(info(50, 60))).toMatchObject({ phase: 'cancelled', raw: 'canceled (50)' });
    expect(toBackendStatus(info(99, 0))).toMatchObject({ phase: 'unknown', raw: 'unknown (99)' });
  });

  it('knows which phases end a task', () => {
    expect([10, 20, 30, 40, 50].map((c) => isTerminal(toBackendStatus(info(c, 0))))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
