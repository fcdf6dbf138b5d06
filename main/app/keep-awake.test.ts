import { describe, expect, it } from 'vitest';
import { JOB_STATES } from '../contract/index.js';
import { createKeepAwake, worksHere, type PowerSaveBlockerApi } from './keep-awake.js';
import { makeJob } from './test-jobs.js';

function fakeBlocker() {
  const calls: string[] = [];
  let next = 7;
  const api: PowerSaveBlockerApi = {
    start: (type) => (calls.push(`start ${type}`), next++),
    stop: (id) => void calls.push(`stop ${id}`),
  };
  return { api, calls };
}

describe('worksHere', () => {
  it('is true for work on this computer only', () => {
    const here = JOB_STATES.filter((s) => worksHere({ state: s, backend: 'cloud' }));
    expect(here).toEqual(['scanning', 'creating', 'uploading', 'starting', 'downloading']);
    expect(worksHere({ state: 'processing', backend: 'local' })).toBe(true);
    expect(worksHere({ state: 'processing', backend: 'nodeodm' })).toBe(false);
    expect(worksHere({ state: 'paused', backend: 'local' })).toBe(false);
  });
});

describe('createKeepAwake', () => {
  it('holds one blocker while work runs and releases it when paused, idle or finished', () => {
    const { api, calls } = fakeBlocker();
    const k = createKeepAwake(api);
    k.update([makeJob('a', 'queued')]);
    expect(calls).toEqual([]);
    k.update([makeJob('a', 'uploading'), makeJob('b', 'uploading')]);
    k.update([makeJob('a', 'uploading'), makeJob('b', 'scanning')]);
    expect(calls).toEqual(['start prevent-app-suspension']);
    expect(k.holding).toBe(true);
    k.update([makeJob('a', 'paused'), makeJob('b', 'done')]);
    expect(calls).toEqual(['start prevent-app-suspension', 'stop 7']);
    k.update([makeJob('c', 'processing', { backend: 'local' })]);
    k.update([]);
    expect(calls).toEqual([
      'start prevent-app-suspension',
      'stop 7',
      'start prevent-app-suspension',
      'stop 8',
    ]);
    expect(k.holding).toBe(false);
  });

  it('release stops a held blocker once', () => {
    const { api, calls } = fakeBlocker();
    const k = createKeepAwake(api);
    k.update([makeJob('a', 'downloading')]);
    k.release();
    k.release();
    expect(calls).toEqual(['start prevent-app-suspension', 'stop 7']);
  });
});
