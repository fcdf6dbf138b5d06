/**
 * What the preload hands the page, checked without an Electron binary: `electron` is replaced by a
 * recorder, the real preload module runs, and the object it exposes must be exactly the contract's
 * methods plus `on` and `pathForFile` — never ipcRenderer or anything else that reaches main. A call
 * goes to the method's own channel with its arguments, and an event listener never sees the raw
 * IpcRendererEvent. (The same key snapshot runs against the real window in main/app/electron.e2e.ts.)
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES, EVENT_CHANNEL, channelFor } from '../main/contract/index.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({
  ok: true,
  value: { mode: 'electron' },
}));
const listeners = new Map<string, (...a: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: (...a: unknown[]) => invoke(...a),
    on: (channel: string, fn: (...a: unknown[]) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
  webUtils: { getPathForFile: () => '/dropped/file.jpg' },
}));

beforeAll(async () => {
  await import('./index.js');
});

describe('preload', () => {
  it('exposes one object, window.scanbridge, with exactly the contract, `on` and pathForFile', () => {
    expect(Object.keys(exposed)).toEqual(['scanbridge']);
    const api = exposed.scanbridge as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHOD_NAMES, 'on', 'pathForFile'].sort());
    for (const [k, v] of Object.entries(api)) expect(typeof v, k).toBe('function');
  });

  it('calls go to the method’s own channel; listeners get the payload, not the IPC event', async () => {
    const api = exposed.scanbridge as {
      getAppInfo(): Promise<unknown>;
      on(event: string, fn: (p: unknown) => void): () => void;
    };
    await api.getAppInfo().catch(() => undefined);
    expect(invoke).toHaveBeenCalled();
    expect(invoke.mock.calls[0]![0]).toBe(channelFor('getAppInfo'));

    const got: unknown[] = [];
    const off = api.on('token:changed', (p) => got.push(p));
    const fire = listeners.get(EVENT_CHANNEL);
    expect(fire).toBeTypeOf('function');
    const fakeEvent = { sender: { send: () => undefined } };
    fire!(fakeEvent, {
      name: 'token:changed',
      payload: { hasToken: true, kind: 'private', masked: 'e2e-…c0de' },
    });
    fire!(fakeEvent, { name: 'job:log', payload: { other: 1 } });
    expect(got).toHaveLength(1);
    expect(JSON.stringify(got)).not.toContain('sender');
    off();
    expect(listeners.has(EVENT_CHANNEL)).toBe(false);
  });
});
