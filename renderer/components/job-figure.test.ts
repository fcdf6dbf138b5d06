import { describe, expect, it } from 'vitest';
import type { Job } from '../../main/contract/index.js';
import { jobFigure } from './job-figure.js';

const job = (state: Job['state'], backend: Job['backend'], fraction: number, partsTotal = 0) => ({
  state,
  backend,
  progress: { fraction, bytesDone: 0, bytesTotal: 0, rate: 0, partsDone: 0, partsTotal },
});

describe('the figure a queue row shows', () => {
  it('the upload’s bytes while it runs or is paused', () => {
    expect(jobFigure(job('uploading', 'cloud', 0.25, 4))).toEqual({ kind: 'fraction', fraction: 0.25 });
    expect(jobFigure(job('paused', 'cloud', 0.25, 4))).toEqual({ kind: 'fraction', fraction: 0.25 });
  });

  it('no "0 %" while the cloud processes: it measures nothing', () => {
    expect(jobFigure(job('processing', 'cloud', 0))).toEqual({ kind: 'working' });
    expect(jobFigure(job('starting', 'cloud', 1))).toEqual({ kind: 'working' });
  });

  it('a local run or a node says how far processing got', () => {
    expect(jobFigure(job('processing', 'local', 0.4))).toEqual({ kind: 'fraction', fraction: 0.4 });
    expect(jobFigure(job('processing', 'nodeodm', 0.6))).toEqual({ kind: 'fraction', fraction: 0.6 });
    expect(jobFigure(job('processing', 'local', 0))).toEqual({ kind: 'working' });
  });

  it('nothing for a job that stopped', () => {
    expect(jobFigure(job('failed', 'cloud', 0))).toEqual({ kind: 'none' });
    expect(jobFigure(job('cancelled', 'cloud', 0.3, 4))).toEqual({ kind: 'none' });
    expect(jobFigure(job('paused', 'local', 0.3))).toEqual({ kind: 'none' });
  });
});
