/**
 * A tiny upload endpoint for tests and the benchmark: takes POSTs like the cloud's upload links,
 * computes the Dropbox content hash of what arrived, and can misbehave on request (cut, stall, lie,
 * any status). It optionally keeps the bodies so a test can reassemble the zip.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContentHasher } from '../../pack/content-hash.js';

/** 'lie': a wrong 64-hex hash; 'nohash': `{}`; 'otherhash': a hash of another form (not Dropbox's). */
export type SinkAction =
  'ok' | 'cut' | 'stall' | 'lie' | 'nohash' | 'otherhash' | 'noreply' | { status: number; body?: string };

export interface SinkOptions {
  keep?: boolean;
  /** Behave like a server that never answers `Expect: 100-continue`. */
  ignoreExpect?: boolean;
  /** Decides per request; `attempt` counts POSTs to this path, from 1. */
  behave?: (link: string, attempt: number) => SinkAction;
  /** Awaited before a complete body is answered: a server slow to reply. */
  holdReply?: (link: string, attempt: number) => Promise<void>;
}

export interface Sink {
  url(link: string): string;
  /** Last complete body per link (when keep). */
  received: Map<string, Buffer>;
  hashes: Map<string, string>;
  attempts: Map<string, number>;
  bytesReceived(): number;
  firstByteAt(): number | null;
  /** When the last byte of a body arrived (Date.now()), or null. */
  lastByteAt(): number | null;
  close(): Promise<void>;
}

export async function startSink(opts: SinkOptions = {}): Promise<Sink> {
  const received = new Map<string, Buffer>();
  const hashes = new Map<string, string>();
  const attempts = new Map<string, number>();
  let bytes = 0;
  let firstByte: number | null = null;
  let lastByte: number | null = null;

  const server = http.createServer((req, res) => {
    const link = (req.url ?? '/').slice(1);
    const attempt = (attempts.get(link) ?? 0) + 1;
    attempts.set(link, attempt);
    const action = opts.behave?.(link, attempt) ?? 'ok';
    if (typeof action === 'object') {
      req.resume();
      res.writeHead(action.status, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(action.body ?? JSON.stringify({ error: `status ${action.status}` }));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? -1);
    const hasher = new ContentHasher();
    const chunks: Buffer[] = [];
    let got = 0;
    req.on('data', (c: Buffer) => {
      firstByte ??= Date.now();
      lastByte = Date.now();
      bytes += c.length;
      got += c.length;
      if (action === 'cut' && got >= declared / 2) {
        req.socket.destroy();
        return;
      }
      if (action === 'stall' && got >= declared / 2) {
        req.pause();
        return;
      }
      hasher.update(c);
      if (opts.keep) chunks.push(c);
    });
    req.on('end', async () => {
      if (got !== declared || action === 'noreply') return;
      const h = hasher.digest();
      hashes.set(link, h);
      if (opts.keep) received.set(link, Buffer.concat(chunks));
      await opts.holdReply?.(link, attempt);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const reply =
        action === 'nohash'
          ? {}
          : action === 'otherhash'
            ? { 'content-hash': `md5:${h.slice(0, 32)}` }
            : { 'content-hash': action === 'lie' ? h.replace(/^./, (c) => (c === '0' ? '1' : '0')) : h };
      res.end(JSON.stringify(reply));
    });
  });
  if (opts.ignoreExpect) server.on('checkContinue', (req, res) => server.emit('request', req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (link) => `http://127.0.0.1:${port}/${link}`,
    received,
    hashes,
    attempts,
    bytesReceived: () => bytes,
    firstByteAt: () => firstByte,
    lastByteAt: () => lastByte,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
