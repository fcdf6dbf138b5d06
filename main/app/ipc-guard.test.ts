import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, type ScanBridgeHandlers } from '../contract/index.js';
import { InvalidTokenError } from '../core/errors.js';
import { handleIpcCall, isTrustedSender, type SenderLike, type TrustContext } from './ipc-guard.js';

const trust: TrustContext = { appOrigin: 'app://scanbridge', windowIds: new Set([7]) };
const ok: SenderLike = {
  sender: { id: 7 },
  senderFrame: { url: 'app://scanbridge/index.html', parent: null },
};

/** A stand-in service that records which methods ran (the thing under test is the guard). */
function recordingHandlers() {
  const calls: { method: string; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    API_METHOD_NAMES.map((m) => [
      m,
      async (...args: unknown[]) => {
        calls.push({ method: m, args });
        if (m === 'getAppInfo') return { version: '1.0.0', mode: 'electron', platform: 'linux' };
        if (m === 'clearToken') throw new InvalidTokenError('Token tok-SECRET-42 is unknown.');
        return { ok: true };
      },
    ]),
  ) as unknown as ScanBridgeHandlers;
  return { calls, handlers };
}

describe('isTrustedSender', () => {
  it('accepts the top frame of our window showing our app', () => {
    expect(isTrustedSender(ok, trust)).toBe(true);
    expect(isTrustedSender({ ...ok, senderFrame: { url: 'app://scanbridge/#/queue' } }, trust)).toBe(true);
  });
  it.each<[string, SenderLike]>([
    ['a window we did not create', { ...ok, sender: { id: 8 } }],
    ['no sender', { senderFrame: ok.senderFrame }],
    ['a non-numeric id', { ...ok, sender: { id: '7' } }],
    ['no frame (destroyed)', { sender: { id: 7 }, senderFrame: null }],
    ['a sub-frame', { sender: { id: 7 }, senderFrame: { url: 'app://scanbridge/x', parent: {} } }],
    ['a remote page', { sender: { id: 7 }, senderFrame: { url: 'https://evil.com/', parent: null } }],
    ['a file page', { sender: { id: 7 }, senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    [
      'a lookalike origin',
      { sender: { id: 7 }, senderFrame: { url: 'app://scanbridge.evil/', parent: null } },
    ],
    ['a non-string url', { sender: { id: 7 }, senderFrame: { url: 42, parent: null } }],
  ])('refuses %s', (_name, event) => {
    expect(isTrustedSender(event, trust)).toBe(false);
  });
  it('accepts the dev server only when that is the app origin', () => {
    const dev = { sender: { id: 7 }, senderFrame: { url: 'http://localhost:5173/', parent: null } };
    expect(isTrustedSender(dev, trust)).toBe(false);
    expect(isTrustedSender(dev, { ...trust, appOrigin: 'http://localhost:5173' })).toBe(true);
  });
});

describe('handleIpcCall', () => {
  it('calls the service with parsed arguments and validates the reply', async () => {
    const { calls, handlers } = recordingHandlers();
    const r = await handleIpcCall(handlers, 'getAppInfo', ok, [], trust);
    expect(r).toEqual({ ok: true, value: { version: '1.0.0', mode: 'electron', platform: 'linux' } });
    await handleIpcCall(handlers, 'pauseJob', ok, ['job-1'], trust);
    expect(calls).toEqual([
      { method: 'getAppInfo', args: [] },
      { method: 'pauseJob', args: ['job-1'] },
    ]);
  });

  it('refuses an untrusted sender without calling core', async () => {
    const { calls, handlers } = recordingHandlers();
    const r = await handleIpcCall(handlers, 'pauseJob', { ...ok, sender: { id: 99 } }, ['job-1'], trust);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a number instead of a job id', [42]],
    ['an empty job id', ['']],
    ['too many arguments', ['a', 'b']],
    ['no array at all', { 0: 'job-1' }],
    ['a huge string', ['x'.repeat(10_000)]],
  ])('refuses %s without calling core', async (_n, args) => {
    const { calls, handlers } = recordingHandlers();
    const r = await handleIpcCall(handlers, 'pauseJob', ok, args, trust);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });

  it('refuses unknown methods, including prototype names', async () => {
    const { calls, handlers } = recordingHandlers();
    for (const m of ['nope', 'constructor', '__proto__', 'toString']) {
      const r = await handleIpcCall(handlers, m, ok, [], trust);
      expect(r.ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('serialises typed errors and redacts secrets from them', async () => {
    const { handlers } = recordingHandlers();
    const r = await handleIpcCall(handlers, 'clearToken', ok, [], trust, (t) =>
      t.replaceAll('tok-SECRET-42', '***'),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN', name: 'InvalidTokenError' } });
    expect(JSON.stringify(r)).not.toContain('tok-SECRET-42');
  });
});
