import { describe, expect, it } from 'vitest';
import { estimateModelReady, secondsPerPhoto, type ProcessingRecord } from './estimate.js';

const cloudHistory: ProcessingRecord[] = [
  { backend: 'cloud', photoCount: 100, seconds: 600 }, // 6 s/photo
  { backend: 'cloud', photoCount: 50, seconds: 200 }, // 4 s/photo
  { backend: 'cloud', photoCount: 10, seconds: 500 }, // 50 s/photo (an outlier: the median ignores it)
  { backend: 'local', photoCount: 10, seconds: 1 },
];

describe('secondsPerPhoto', () => {
  it('is the median of the same backend’s runs', () => {
    expect(secondsPerPhoto(cloudHistory, 'cloud')).toBe(6);
    expect(secondsPerPhoto(cloudHistory, 'nodeodm')).toBeUndefined();
  });
});

describe('estimateModelReady', () => {
  it('uploading to the cloud: upload left + cloud queue + processing from past jobs', () => {
    expect(
      estimateModelReady({
        backend: 'cloud',
        state: 'uploading',
        photoCount: 20,
        uploadSecondsLeft: 30,
        cloudQueueSeconds: 300,
        history: cloudHistory,
      }),
    ).toEqual({ totalSeconds: 450, atLeast: false, upload: 30, queue: 300, processing: 120 });
  });

  it('before the scan has counted the photos, past jobs give no processing time (not ~0 s)', () => {
    const e = estimateModelReady({
      backend: 'cloud',
      state: 'scanning',
      photoCount: 0,
      cloudQueueSeconds: 300,
      history: cloudHistory,
    });
    expect(e?.processing).toBeUndefined();
    expect(e).toMatchObject({ totalSeconds: 300, atLeast: true, queue: 300 });
  });

  it('without past jobs the processing part is unknown and the total is a lower bound', () => {
    expect(
      estimateModelReady({
        backend: 'cloud',
        state: 'paused',
        photoCount: 20,
        uploadSecondsLeft: undefined,
        cloudQueueSeconds: 300,
        history: [],
      }),
    ).toEqual({ totalSeconds: 300, atLeast: true, queue: 300 });
  });

  it('processing on the cloud: only what is left of the usual processing time', () => {
    const e = estimateModelReady({
      backend: 'cloud',
      state: 'processing',
      photoCount: 20,
      cloudQueueSeconds: 9999,
      history: cloudHistory,
      processingElapsed: 100,
    });
    expect(e).toEqual({ totalSeconds: 20, atLeast: false, processing: 20 });
  });

  it('local reconstruction: extrapolated from its stages, no upload or queue', () => {
    const e = estimateModelReady({
      backend: 'local',
      state: 'processing',
      photoCount: 20,
      cloudQueueSeconds: 300,
      history: [],
      processingElapsed: 60,
      processingFraction: 0.25,
    });
    expect(e).toEqual({ totalSeconds: 180, atLeast: false, processing: 180 });
    // Too early to extrapolate and no past runs: nothing is shown rather than "~0 s".
    expect(
      estimateModelReady({
        backend: 'local',
        state: 'processing',
        photoCount: 20,
        history: [],
        processingElapsed: 2,
        processingFraction: 0.01,
      }),
    ).toBeUndefined();
  });

  it('finished jobs have no estimate', () => {
    for (const state of ['done', 'failed', 'cancelled'] as const)
      expect(
        estimateModelReady({ backend: 'cloud', state, photoCount: 1, history: cloudHistory }),
      ).toBeUndefined();
  });
});
