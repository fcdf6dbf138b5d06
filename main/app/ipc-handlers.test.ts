import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, EVENT_CHANNEL, type ScanBridgeHandlers } from '../contract/index.js';
import { registerIpcHandlers, sendEvent } from './ipc-handlers.js';

type Handler = (event: unknown, args: unknown) => Promise<unknown>;

/** Records what registerIpcHandlers does with ipcMain (Electron's object, not one of ours). */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

describe('registerIpcHandlers', () => {
  const calls: string[] = [];
  const service = Object.fromEntries(
    API_METHOD_NAMES.map((m) => [m, async () => (calls.push(m), { ok: true })]),
  ) as unknown as ScanBridgeHandlers;
  const trust = () => ({ appOrigin: 'app://scanbridge', windowIds: new Set([1]) });
  const stranger = { sender: { id: 2 }, senderFrame: { url: 'app://scanbridge/', parent: null } };

  it('registers exactly one sb:<method> channel per contract method, and removes them all', () => {
    const ipc = fakeIpcMain();
    const off = registerIpcHandlers(ipc as never, service, trust, (t) => t);
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => `sb:${m}`).sort());
    off();
    expect(ipc.handlers.size).toBe(0);
  });

  it('every handler checks the sender and parses arguments before calling the service', async () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc as never, service, trust, (t) => t);
    calls.length = 0;
    for (const [channel, fn] of ipc.handlers) {
      const r = (await fn(stranger, [])) as { ok: boolean; error?: { code: string } };
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(calls).toEqual([]);
    const own = { sender: { id: 1 }, senderFrame: { url: 'app://scanbridge/', parent: null } };
    for (const [channel, fn] of ipc.handlers) {
      // A junk argument list no method accepts.
      const r = (await fn(own, [{ junk: true }, 1, 2, 3])) as { ok: boolean; error?: { code: string } };
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(calls).toEqual([]);
  });
});

describe('sendEvent', () => {
  it('sends {name, payload} on the event channel to live windows only', () => {
    const sent: unknown[][] = [];
    const live = { isDestroyed: () => false, send: (...a: unknown[]) => sent.push(a) };
    const dead = { isDestroyed: () => true, send: () => sent.push(['dead']) };
    sendEvent([live, dead], 'job:log', { x: 1 });
    expect(sent).toEqual([[EVENT_CHANNEL, { name: 'job:log', payload: { x: 1 } }]]);
  });
});
