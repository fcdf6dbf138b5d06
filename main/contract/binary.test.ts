/**
 * readResultFile carries bytes: over IPC the envelope's value is an ArrayBuffer (structured clone
 * keeps it binary), and a transport with a binary side door (web mode's GET) is used instead of
 * the JSON call.
 */
import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, ApiCallError, createClient, dispatch, type ScanBridgeHandlers } from './index.js';

const BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);

function handlers(): ScanBridgeHandlers {
  const base = Object.fromEntries(
    API_METHOD_NAMES.map((m) => [m, async () => Promise.reject(new Error(`${m} not expected`))]),
  ) as unknown as ScanBridgeHandlers;
  return {
    ...base,
    readResultFile: async (_id, rel) => {
      if (rel.includes('..')) throw new Error('refused');
      return BYTES.slice().buffer;
    },
  };
}

describe('readResultFile over the contract', () => {
  it('IPC-style: the ArrayBuffer survives dispatch and a structured clone, byte for byte', async () => {
    const h = handlers();
    const client = createClient({
      call: async (method, args) => structuredClone(await dispatch(h, method, args)),
      subscribe: () => () => {},
    });
    const got = await client.readResultFile('job-1', 'model.ply');
    expect(got).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(got)]).toEqual([...BYTES]);
    await expect(client.readResultFile('job-1', '../x')).rejects.toBeInstanceOf(ApiCallError);
  });

  it('refuses a reply that is not bytes (the contract checks the result)', async () => {
    const h = { ...handlers(), readResultFile: async () => 'not bytes' as unknown as ArrayBuffer };
    const env = await dispatch(h, 'readResultFile', ['job-1', 'a.ply']);
    expect(env.ok).toBe(false);
  });

  it('uses the transport’s binary door when it has one, never the JSON call', async () => {
    const calls: string[] = [];
    const client = createClient({
      call: async (method) => {
        calls.push(method);
        return { ok: true, value: null };
      },
      subscribe: () => () => {},
      readResultFile: async (jobId, rel) => new TextEncoder().encode(`${jobId}/${rel}`).buffer as ArrayBuffer,
    });
    const got = await client.readResultFile('j', 'tex/a.png');
    expect(new TextDecoder().decode(got)).toBe('j/tex/a.png');
    expect(calls).toEqual([]);
  });
});
