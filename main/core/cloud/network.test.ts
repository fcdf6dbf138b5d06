/**
 * Network failures over real sockets: a refused port, a host that never completes the TCP handshake
 * (connect timeout), one that accepts but never answers (response timeout), a name that does not
 * resolve, and cancellation. Each must fail fast with a message that says what to check.
 */
import http from 'node:http';
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BadResponseError, CancelledError, NetworkError } from '../errors.js';
import { createCloudClient } from './client.js';
import type { CloudClient } from './types.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function client(baseUrl: string, extra: Parameters<typeof createCloudClient>[0] = {}): CloudClient {
  const c = createCloudClient({ baseUrl, retries: 0, ...extra });
  cleanups.push(() => c.close());
  return c;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A server that accepts TCP connections and then says nothing, ever. */
async function silentServer(): Promise<{ url: string; connections: () => number }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const s = net.createServer((sock) => {
    count++;
    sockets.add(sock);
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(async () => {
    for (const x of sockets) x.destroy();
    await new Promise<void>((r) => s.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(s.address() as net.AddressInfo).port}`, connections: () => count };
}

/**
 * A listening socket whose accept queue is full: its event loop (a worker thread) is blocked, so the
 * kernel completes two handshakes into the backlog and drops every later SYN — from the client's
 * side, exactly a host behind a firewall that silently drops packets.
 */
async function blackHole(): Promise<string> {
  const code = `
    const net = require('node:net'); const { parentPort } = require('node:worker_threads');
    const s = net.createServer();
    s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      parentPort.postMessage(s.address().port);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    });`;
  const worker = new Worker(code, { eval: true });
  const port = await new Promise<number>((r) => worker.once('message', r));
  const fillers: net.Socket[] = [];
  cleanups.push(async () => {
    for (const f of fillers) f.destroy();
    await worker.terminate();
  });
  // Fill the queue until a connect no longer completes.
  for (let i = 0; i < 50; i++) {
    const connected = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      fillers.push(s);
      s.on('error', () => resolve(false));
      s.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
    if (!connected) return `http://127.0.0.1:${port}`;
  }
  throw new Error('could not fill the accept queue');
}

describe('network failures', () => {
  it('a refused port fails at once with a NetworkError saying nothing is listening', async () => {
    const c = client(`http://127.0.0.1:${await freePort()}`);
    const t0 = Date.now();
    const err = await c.status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('NETWORK');
    expect((err as NetworkError).message).toMatch(/connection refused/);
    expect((err as NetworkError).hint).toMatch(/address and port/);
    expect((err as NetworkError).retryable).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a host that never completes the handshake fails within the connect timeout', async () => {
    const url = await blackHole();
    const c = client(url, { connectTimeoutMs: 400, responseTimeoutMs: 30_000 });
    const t0 = Date.now();
    const err = await c.getQueueEstimate().catch((e: unknown) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('TIMEOUT');
    expect((err as NetworkError).message).toMatch(/Could not connect to 127\.0\.0\.1:\d+ within 0\.4 s/);
    expect((err as NetworkError).hint).toMatch(/firewall or proxy/);
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(2500);
  });

  it('a host that accepts but never answers fails after the response timeout, not the connect one', async () => {
    const silent = await silentServer();
    const c = client(silent.url, { connectTimeoutMs: 5000, responseTimeoutMs: 300 });
    const t0 = Date.now();
    const err = await c.status().catch((e: unknown) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('TIMEOUT');
    expect((err as NetworkError).message).toMatch(/accepted the connection but sent no reply for 0\.3 s/);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2500);
    expect(silent.connections()).toBe(1);
  });

  it('an idempotent call is retried after a response timeout, with the waits the policy chose', async () => {
    const silent = await silentServer();
    const waits: number[] = [];
    const c = client(silent.url, {
      responseTimeoutMs: 150,
      retries: 2,
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    const err = await c.getTokenInfo('tok-abcdef').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(silent.connections()).toBe(3);
    expect(waits).toEqual([250, 500]);
  });

  it('a name that does not resolve says so', async () => {
    const c = client('http://no-such-host.invalid:1334', { connectTimeoutMs: 3000 });
    const err = await c.status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(/"no-such-host\.invalid" could not be resolved/);
  });

  it('an aborted call rejects with CancelledError, also while waiting to retry', async () => {
    const silent = await silentServer();
    const c = client(silent.url, { responseTimeoutMs: 10_000 });
    const ac = new AbortController();
    const p = c.status({ signal: ac.signal }).catch((e: unknown) => e);
    setTimeout(() => ac.abort(), 100);
    expect(await p).toBeInstanceOf(CancelledError);

    const refused = client(`http://127.0.0.1:${await freePort()}`, {
      retries: 5,
      retryBaseMs: 10_000,
      random: () => 0.9,
    });
    const ac2 = new AbortController();
    const t0 = Date.now();
    const p2 = refused.status({ signal: ac2.signal }).catch((e: unknown) => e);
    setTimeout(() => ac2.abort(), 150);
    expect(await p2).toBeInstanceOf(CancelledError);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a server that trickles bytes is cut by the wall-clock cap (connect + 2 × response timeout)', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const t = setInterval(() => res.write(' '), 40);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    const c = client(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, {
      connectTimeoutMs: 200,
      responseTimeoutMs: 200,
    });
    const t0 = Date.now();
    const err = await c.status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('TIMEOUT');
    expect((err as NetworkError).message).toMatch(/did not finish its reply within 0\.6 s/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('keeps one connection alive across calls, and a timed-out call does not poison the pool', async () => {
    let connections = 0;
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls++;
      // The second call is answered too late; every other one at once.
      const wait = calls === 2 ? 400 : 0;
      setTimeout(() => {
        if (!res.destroyed)
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"online"}');
      }, wait);
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    const c = client(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, {
      responseTimeoutMs: 150,
    });
    await c.status();
    expect((await c.status().catch((e: unknown) => e)) as NetworkError).toBeInstanceOf(NetworkError);
    for (let i = 0; i < 20; i++) expect((await c.status()).online).toBe(true);
    expect(calls).toBe(22);
    // One socket for the first call, a fresh one after the timed-out socket was destroyed.
    expect(connections).toBe(2);
  });
  /** A server that answers every call with `reply(res)`; its URL. */
  async function answering(reply: (res: http.ServerResponse) => void): Promise<string> {
    const server = http.createServer((_req, res) => reply(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }

  it('a reply far larger than the API ever sends is refused as not the cloud, without reading it all', async () => {
    let written = 0;
    const url = await answering((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const more = (): void => {
        while (written < 50_000_000 && !res.destroyed) {
          written += 1 << 16;
          if (!res.write(Buffer.alloc(1 << 16, 0x20))) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const err = await client(url)
      .status()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponseError);
    expect((err as BadResponseError).message).toMatch(/unexpectedly large reply/);
    expect(written).toBeLessThan(50_000_000);
  });

  it('a reply cut off mid-body is a network failure, never a short reply', async () => {
    const url = await answering((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"status":"onl', () => res.socket?.destroy());
    });
    const err = await client(url)
      .status()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(/cut before the reply arrived/);
  });
});
