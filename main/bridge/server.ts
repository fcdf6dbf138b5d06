/**
 * Web mode: the built renderer and the ScanBridge API over loopback HTTP, events as server-sent
 * events. Bound to 127.0.0.1 only; every request carries the per-run secret (see security.ts).
 *   GET  /?s=<secret>            the page; it keeps the secret in sessionStorage and strips it from the URL
 *   GET  /assets/…               scripts and styles of the built UI
 *   POST /api/<method>           JSON array of arguments → JSON envelope; header x-scanbridge-secret
 *   GET  /api/events?s=<secret>  server-sent events (EventSource cannot send headers)
 *   GET  /api/file/<jobId>/<rel> one file of a job's result folder for the 3D preview, streamed with
 *                                Content-Length (bytes must not go through JSON); header secret
 * Every API call and the event stream need the secret. The static files do not: they are the public
 * build (no user data), and a reload of the stripped URL must still load the page, which then takes
 * the secret from sessionStorage. Host and Origin are checked on every request.
 * No CORS headers are ever sent: another origin has no business here.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, serializeThrown } from '../contract/index.js';
import type { ApiEventName, ScanBridgeHandlers } from '../contract/index.js';
import { SECURITY_HEADERS, checkRequestOrigin, newSecret, requestSecret, secretMatches } from './security.js';
import { resolveStatic } from '../renderer-files/static-files.js';

const MAX_BODY = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface BridgeService extends ScanBridgeHandlers {
  subscribe(listener: (event: ApiEventName, payload: unknown) => void): () => void;
  redact?(text: string): string;
  /** Confined real path and size of a result file (main/core/service/result-files.ts). */
  resolveResultFile?(jobId: string, relPath: string): Promise<{ file: string; size: number }>;
}

export interface BridgeOptions {
  service: BridgeService;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 = any free port. */
  port?: number;
  /** Fixed secret for tests; a fresh random one otherwise. */
  secret?: string;
  log?: (line: string) => void;
}

export interface Bridge {
  url: string;
  /** The URL to open: carries the secret for the first page load. */
  pageUrl: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

const deny = (res: http.ServerResponse, status: number, reason: string) =>
  send(res, status, JSON.stringify({ error: reason }), 'application/json');

async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const secret = opts.secret ?? newSecret();
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return deny(res, 405, 'GET only.');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      const off = opts.service.subscribe((event, payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      res.on('close', () => {
        clearInterval(beat);
        off();
        sseClients.delete(res);
      });
      return;
    }
    if (url.pathname.startsWith('/api/file/')) return handleFile(req, res, url);
    const method = url.pathname.slice('/api/'.length);
    if (req.method !== 'POST') return deny(res, 405, 'POST only.');
    if (method === 'readResultFile') return deny(res, 400, 'Use GET /api/file/<jobId>/<path> for bytes.');
    // A JSON content type cannot be sent by a plain form or a "simple" cross-site request.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return deny(res, 415, 'Send JSON (Content-Type: application/json).');
    }
    const body = await readBody(req);
    if (body === undefined) return deny(res, 413, 'Request too large.');
    let args: unknown;
    try {
      args = body.trim() === '' ? [] : JSON.parse(body);
    } catch {
      return deny(res, 400, 'The body is not valid JSON.');
    }
    const env = await dispatch(opts.service, method, args, {
      ...(opts.service.redact ? { redact: opts.service.redact } : {}),
    });
    const status =
      !env.ok && env.error.code === 'NOT_FOUND' && env.error.message.startsWith('Unknown API') ? 404 : 200;
    send(res, status, JSON.stringify(env), 'application/json');
  };

  const handleFile = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (req.method !== 'GET') return deny(res, 405, 'GET only.');
    const resolve = opts.service.resolveResultFile?.bind(opts.service);
    if (!resolve) return deny(res, 404, 'No result files here.');
    // Each segment is decoded on its own; the service refuses `..`, absolute paths and escaping links.
    const [jobPart, ...relParts] = url.pathname.slice('/api/file/'.length).split('/');
    let jobId: string;
    let rel: string;
    try {
      jobId = decodeURIComponent(jobPart ?? '');
      rel = relParts.map((p) => decodeURIComponent(p)).join('/');
    } catch {
      return deny(res, 400, 'Bad file path.');
    }
    let found: { file: string; size: number };
    try {
      found = await resolve(jobId, rel);
    } catch (e) {
      const env = { ok: false, error: serializeThrown(e) };
      const status = env.error.code === 'NOT_FOUND' ? 404 : env.error.code === 'LIMIT_EXCEEDED' ? 413 : 400;
      return send(res, status, JSON.stringify(env), 'application/json');
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': found.size,
      'Cache-Control': 'no-store',
    });
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'GET only.');
    // The raw path, not url.pathname: URL parsing would quietly resolve `%2e%2e` and hide the attempt.
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const found = await resolveStatic(opts.staticDir, rawPath);
    if (!found.ok) return deny(res, found.status, found.reason);
    const st = await fs.stat(found.file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.type,
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(found.file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    const run = async () => {
      const denial = checkRequestOrigin(req, port);
      if (denial) return deny(res, denial.status, denial.reason);
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      } catch {
        return deny(res, 400, 'Bad URL.');
      }
      if (!url.pathname.startsWith('/api/')) return handleStatic(req, res);
      if (!secretMatches(requestSecret(req, url), secret)) {
        return deny(res, 403, 'Missing or wrong secret. Open the URL that `npm start` printed.');
      }
      return handleApi(req, res, url);
    };
    run().catch((e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      opts.log?.(`bridge: ${opts.service.redact ? opts.service.redact(msg) : msg}`);
      if (!res.headersSent) deny(res, 500, 'Internal error.');
      else res.end();
    });
  });
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    pageUrl: `${base}/?s=${encodeURIComponent(secret)}`,
    port,
    secret,
    async close() {
      for (const c of sseClients) c.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
