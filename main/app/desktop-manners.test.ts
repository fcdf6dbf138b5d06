import { describe, expect, it } from 'vitest';
import type { ApiEventName, Job } from '../contract/index.js';
import { startDesktopManners, type MannersElectron } from './desktop-manners.js';
import { sanitize } from '../core/sanitize.js';
import { createMainI18n } from './i18n.js';
import { makeJob } from './test-jobs.js';

/** Electron's pieces as recording fakes: every call lands in `calls`, in order. */
function fakeElectron(opts: { notifications?: boolean; openPathError?: string } = {}) {
  const calls: string[] = [];
  const clicks: (() => void)[] = [];
  const electron: MannersElectron = {
    powerSaveBlocker: {
      start: (type) => (calls.push(`blocker.start ${type}`), 1),
      stop: (id) => void calls.push(`blocker.stop ${id}`),
    },
    notificationsSupported: () => opts.notifications ?? true,
    createNotification: ({ title, body }) => ({
      on: (_event, listener) => clicks.push(listener),
      show: () => void calls.push(`notify ${title} | ${body}`),
    }),
    shell: { openPath: async (p) => (calls.push(`openPath ${p}`), opts.openPathError ?? '') },
  };
  return { electron, calls, clicks };
}

function setup(
  opts: Parameters<typeof fakeElectron>[0] & { platform?: NodeJS.Platform; window?: boolean } = {},
) {
  const fake = fakeElectron(opts);
  let listener: ((event: ApiEventName, payload: unknown) => void) | undefined;
  const shown: string[] = [];
  const win = {
    isDestroyed: () => false,
    setProgressBar: (value: number, o?: { mode: string }) => void fake.calls.push(`bar ${value} ${o?.mode}`),
  };
  const manners = startDesktopManners({
    electron: fake.electron,
    subscribe: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
    window: () => (opts.window === false ? undefined : win),
    platform: opts.platform ?? 'win32',
    t: createMainI18n('en').t,
    clean: sanitize,
    showJob: (id) => void shown.push(id),
  });
  const state = (job: Job) => listener?.('job:state', { job });
  const progress = (jobId: string, fraction: number) =>
    listener?.('job:progress', { jobId, progress: { ...makeJob(jobId, 'uploading').progress, fraction } });
  return {
    ...fake,
    manners,
    state,
    progress,
    shown,
    emit: (e: ApiEventName, p: unknown) => listener?.(e, p),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('desktop manners', () => {
  it('starts with no bar and no blocker', () => {
    const s = setup();
    expect(s.calls).toEqual(['bar -1 none']);
  });

  it('keeps the system awake and shows progress while uploading, paused bar and release on pause', () => {
    const s = setup();
    s.calls.length = 0;
    s.state(makeJob('a', 'queued'));
    s.state(makeJob('a', 'uploading'));
    s.progress('a', 0.5);
    s.progress('zzz', 0.9); // a job no event introduced: ignored
    s.state(makeJob('a', 'paused', { progress: { ...makeJob('a', 'paused').progress, fraction: 0.5 } }));
    expect(s.calls).toEqual([
      'bar -1 none',
      'blocker.start prevent-app-suspension',
      'bar 0 normal',
      'bar 0.5 normal',
      'blocker.stop 1',
      'bar 0.5 paused',
    ]);
  });

  it('removes a paused bar where the platform has no paused style', () => {
    const s = setup({ platform: 'linux' });
    s.state(makeJob('a', 'uploading'));
    s.state(makeJob('a', 'paused'));
    expect(s.calls.at(-1)).toBe('bar -1 none');
  });

  it('notifies when a job ends; a click opens the result folder', async () => {
    const s = setup();
    s.state(makeJob('a', 'downloading'));
    s.calls.length = 0;
    s.state(makeJob('a', 'done', { result: { folder: '/results/a' } }));
    expect(s.calls).toEqual([
      'notify Model ready | “scan-a” has finished. Click to open the result.',
      'blocker.stop 1',
      'bar -1 none',
    ]);
    expect(s.clicks).toHaveLength(1);
    s.clicks[0]?.();
    await flush();
    expect(s.calls.at(-1)).toBe('openPath /results/a');
    expect(s.shown).toEqual([]);
  });

  it('shows the job when its folder cannot be opened, or when it failed', async () => {
    const s = setup({ openPathError: 'No such file' });
    s.state(makeJob('a', 'downloading'));
    s.state(makeJob('a', 'done', { result: { folder: '/gone' } }));
    s.clicks[0]?.();
    await flush();
    expect(s.shown).toEqual(['a']);
    s.state(makeJob('b', 'uploading', { projectName: 'evil\u001b]0;pwned\u0007name' }));
    s.state(
      makeJob('b', 'failed', {
        projectName: 'evil\u001b]0;pwned\u0007name',
        error: { name: 'E', code: 'TIMEOUT', message: 'x', retryable: true },
      }),
    );
    expect(s.calls).toContain(
      'notify Job failed | “evilname” failed: The server did not answer in time. The job waits and can be resumed.',
    );
    s.clicks[1]?.();
    expect(s.shown).toEqual(['a', 'b']);
  });

  it('announces nothing for a job first seen ended, a cancel, or where notifications are unsupported', () => {
    const s = setup();
    s.manners.seed([makeJob('old', 'done')]);
    s.state(makeJob('old', 'done', { result: { downloadUrl: 'https://x' } }));
    s.state(makeJob('c', 'uploading'));
    s.state(makeJob('c', 'cancelled'));
    expect(s.calls.filter((c) => c.startsWith('notify'))).toEqual([]);
    const u = setup({ notifications: false });
    u.state(makeJob('a', 'uploading'));
    u.state(makeJob('a', 'done'));
    expect(u.calls.filter((c) => c.startsWith('notify'))).toEqual([]);
  });

  it('seeds the journal’s jobs without overriding newer event state', () => {
    const s = setup();
    s.state(makeJob('a', 'paused'));
    s.calls.length = 0;
    s.manners.seed([makeJob('a', 'uploading'), makeJob('b', 'downloading')]);
    expect(s.manners.jobs().map((j) => `${j.id} ${j.state}`)).toEqual(['a paused', 'b downloading']);
    expect(s.calls).toEqual(['blocker.start prevent-app-suspension', 'bar 0 normal']);
  });

  it('ignores other events and, disposed, releases the blocker, clears the bar and stops listening', () => {
    const s = setup();
    s.state(makeJob('a', 'uploading'));
    s.calls.length = 0;
    s.emit('job:log', { jobId: 'a', level: 'info', message: 'hi', at: '' });
    expect(s.calls).toEqual([]);
    s.manners.dispose();
    expect(s.calls).toEqual(['blocker.stop 1', 'bar -1 none']);
    s.state(makeJob('a', 'done'));
    expect(s.calls).toEqual(['blocker.stop 1', 'bar -1 none']);
  });

  it('works without a window (the blocker still follows the jobs)', () => {
    const s = setup({ window: false });
    s.state(makeJob('a', 'uploading'));
    expect(s.calls).toEqual(['blocker.start prevent-app-suspension']);
  });
});
