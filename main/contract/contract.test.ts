import { describe, expect, it } from 'vitest';
import {
  API_EVENTS,
  API_METHODS,
  API_METHOD_NAMES,
  ApiCallError,
  channelFor,
  createClient,
  dispatch,
  type ApiEventName,
  type ScanBridgeHandlers,
} from './index.js';

const tokenStatus = { hasToken: true, masked: 'abcd…wxyz', kind: 'private' as const };

/** Handlers for the calls exercised here; the rest throw so an accidental call fails loudly. */
function handlers(): ScanBridgeHandlers {
  const base = Object.fromEntries(
    API_METHOD_NAMES.map((m) => [
      m,
      async () => {
        throw new Error(`${m} not expected`);
      },
    ]),
  ) as unknown as ScanBridgeHandlers;
  return {
    ...base,
    setToken: async (t) => ({ ...tokenStatus, masked: `${t.slice(0, 2)}…` }),
    getTokenStatus: async () => ({ hasToken: 'yes' }) as never,
    pauseJob: async () => {
      const e = new Error('x') as Error & { toJSON(): unknown };
      e.toJSON = () => ({
        name: 'UnauthorizedError',
        code: 'UNAUTHORIZED',
        message: 'no',
        hint: 'fix',
        retryable: false,
      });
      throw e;
    },
    createJob: async (input) => {
      throw new Error(`backend=${input.backend}`);
    },
  };
}

describe('contract', () => {
  it('names an IPC channel per method and has the methods the UI needs', () => {
    expect(channelFor('setToken')).toBe('sb:setToken');
    for (const m of ['getTokenStatus', 'scanPaths', 'createJob', 'saveDiagnostics', 'getAppInfo']) {
      expect(API_METHODS).toHaveProperty(m);
    }
    expect(Object.keys(API_EVENTS).sort()).toEqual(
      [
        'app:open-paths',
        'app:show-job',
        'check:done',
        'check:progress',
        'job:log',
        'job:progress',
        'job:state',
        'settings:changed',
        'token:changed',
      ].sort(),
    );
  });

  it('dispatch validates arguments before calling the handler', async () => {
    const h = handlers();
    expect(await dispatch(h, 'setToken', ['tok123'])).toEqual({
      ok: true,
      value: { ...tokenStatus, masked: 'to…' },
    });
    const bad = await dispatch(h, 'setToken', [42]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('INVALID_INPUT');
    const extra = await dispatch(h, 'setToken', ['a', 'b']);
    expect(extra.ok).toBe(false);
    const unknown = await dispatch(h, 'rmRf', []);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const badMail = await dispatch(h, 'requestToken', [{ mail: 'nope', forename: 'A', lastname: 'B' }]);
    expect(badMail).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('dispatch applies defaults, checks replies and serialises typed errors', async () => {
    const h = handlers();
    expect(await dispatch(h, 'createJob', [{ paths: ['/x'] }])).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'backend=cloud' },
    });
    expect(await dispatch(h, 'getTokenStatus', [])).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await dispatch(h, 'pauseJob', ['j1'])).toEqual({
      ok: false,
      error: {
        name: 'UnauthorizedError',
        code: 'UNAUTHORIZED',
        message: 'no',
        hint: 'fix',
        retryable: false,
      },
    });
    const red = await dispatch(handlers(), 'createJob', [{ paths: ['/x'] }], {
      redact: (t) => t.replace('cloud', '***'),
    });
    expect(red).toMatchObject({ ok: false, error: { message: 'backend=***' } });
  });

  it('createClient round-trips calls and drops malformed events', async () => {
    const h = handlers();
    const listeners = new Map<string, (p: unknown) => void>();
    const api = createClient({
      call: (method, args) => dispatch(h, method, args),
      subscribe: (event: ApiEventName, l) => {
        listeners.set(event, l);
        return () => listeners.delete(event);
      },
    });
    expect(await api.setToken('hello')).toMatchObject({ masked: 'he…' });
    await expect(api.pauseJob('j')).rejects.toBeInstanceOf(ApiCallError);
    await expect(api.pauseJob('j')).rejects.toMatchObject({ code: 'UNAUTHORIZED', hint: 'fix' });
    const got: unknown[] = [];
    const off = api.on('token:changed', (p) => got.push(p));
    listeners.get('token:changed')?.({ bogus: true });
    listeners.get('token:changed')?.({ hasToken: false, kind: 'none' });
    expect(got).toEqual([{ hasToken: false, kind: 'none' }]);
    off();
    expect(listeners.has('token:changed')).toBe(false);
  });
});
