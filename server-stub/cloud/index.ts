/**
 * A faithful OpenScan Cloud server for tests, demos and offline work: `startCloudStub()` listens on a
 * port (0 = any), serves the API, upload links and result downloads, and exposes its state and fault
 * switches so tests can assert what the server saw.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { redact } from '../redact.js';
import { isApiEndpoint, runApi } from './api.js';
import type { StubContext } from './context.js';
import { handleDlWrapper, handleShare } from './download.js';
import { createFaults } from './faults.js';
import {
  delay,
  hasValidBasicAuth,
  HTML_404,
  HTML_503,
  jsonError,
  send,
  sendJson,
  StubReply,
} from './http-util.js';
import { expireAllLinks, createState } from './store.js';
import { handleUpload } from './upload.js';
import {
  DEFAULT_SCHEDULE,
  MAX_PART_BYTES,
  type CloudFaults,
  type CloudStub,
  type CloudStubOptions,
  type RequestLogEntry,
} from './types.js';

export type * from './types.js';
export {
  DEFAULT_FAULTS,
  DEFAULT_SCHEDULE,
  DEFAULT_TOKEN_LIMITS,
  LINK_LIFETIME_MS,
  MAX_PART_BYTES,
} from './types.js';
export { dropboxContentHash, dropboxContentHashOfFile, createContentHasher } from './content-hash.js';

interface Outcome {
  status: number;
  endpoint: string;
  project?: string;
}

/**
 * `expectsContinue`: the client sent `Expect: 100-continue` (curl does for big bodies). Uploads answer
 * it only once the link and size are accepted, so a refused 200 MB part is never sent at all.
 */
async function route(
  ctx: StubContext,
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue: boolean,
): Promise<Outcome> {
  const url = new URL(req.url ?? '/', 'http://stub.invalid');
  const latency = ctx.faults.current().latencyMs;
  if (latency > 0) await delay(latency);
  const path = url.pathname;

  if (path.startsWith('/upload/')) {
    if (ctx.faults.takeServerError()) {
      send(res, 503, HTML_503, 'text/html', { Connection: 'close' });
      return { status: 503, endpoint: 'upload' };
    }
    const r = await handleUpload(ctx, req, res, path.slice('/upload/'.length), expectsContinue);
    return { ...r, endpoint: 'upload' };
  }
  if (expectsContinue) res.writeContinue();
  if (path === '/dl') return { status: handleDlWrapper(ctx, url, res), endpoint: 'dl' };
  if (path.startsWith('/s/')) return { ...(await handleShare(ctx, req, url, res)), endpoint: 's' };

  const endpoint = path.replace(/^\/+|\/+$/g, '');
  if (!isApiEndpoint(endpoint)) {
    send(res, 404, HTML_404, 'text/html; charset=utf-8');
    return { status: 404, endpoint: path };
  }
  if (ctx.faults.takeServerError()) {
    send(res, 503, HTML_503, 'text/html');
    return { status: 503, endpoint };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw jsonError(405, `${endpoint} takes GET with query parameters`);
  }
  if (!hasValidBasicAuth(req)) {
    send(res, 401, JSON.stringify({ error: 'Unauthorized access' }), 'application/json', {
      'WWW-Authenticate': 'Basic realm="Authentication Required"',
    });
    return { status: 401, endpoint };
  }
  const result = await runApi(ctx, endpoint, url.searchParams);
  sendJson(res, result.status, result.body);
  return { status: result.status, endpoint, project: result.project };
}

export async function startCloudStub(opts: CloudStubOptions = {}): Promise<CloudStub> {
  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'scanbridge-cloud-stub-')));
  await mkdir(dataDir, { recursive: true });
  const now = opts.now ?? Date.now;
  const state = createState(opts.tokens ?? [], opts.publicToken ?? 'public');
  const faults = createFaults(opts.faults);
  let baseUrl = '';
  const ctx: StubContext = {
    state,
    now,
    dataDir,
    faults,
    schedule: opts.schedule ?? DEFAULT_SCHEDULE,
    dlinkStyle: opts.dlinkStyle ?? 'wrapped',
    maxPartBytes: opts.maxPartBytes ?? MAX_PART_BYTES,
    aborts: new Set(),
    baseUrl: () => baseUrl,
  };
  const inFlight = new Set<Promise<void>>();

  const handle = async (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    let outcome: Outcome;
    try {
      outcome = await route(ctx, req, res, expectsContinue);
    } catch (err) {
      const endpoint = new URL(req.url ?? '/', 'http://stub.invalid').pathname.replace(/^\/+/, '');
      if (err instanceof StubReply) {
        send(res, err.status, err.body, err.contentType);
        outcome = { status: err.status, endpoint };
      } else {
        // A stub bug must be loud in test output, not a hung request.
        console.error(`cloud stub: ${redact(String((err as Error)?.stack ?? err))}`);
        send(res, 500, JSON.stringify({ error: 'Internal stub error' }), 'application/json');
        outcome = { status: 500, endpoint };
      }
    }
    const entry: RequestLogEntry = { at: now(), method: req.method ?? '?', ...outcome };
    state.requests.push(entry);
    opts.log?.(`${entry.method} ${redact(req.url ?? '/')} ${entry.status}`);
  };

  const track = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    const p = handle(req, res, expectsContinue).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const server = createServer((req, res) => track(req, res, false));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => track(req, res, true));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  baseUrl = `http://${host}:${addr.port}`;

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    state,
    setFaults: (f: Partial<CloudFaults>) => faults.set(f),
    expireLinksNow: () => expireAllLinks(state, now()),
    setResultZip: (zip: Buffer | undefined) => {
      state.resultZip = zip;
    },
    setStatus: (s: string) => {
      state.serviceStatus = s;
    },
    setQueue: (queueLength: number, estimatedSeconds: number) => {
      state.queue = { queueLength, estimatedSeconds };
    },
    async assembledZipPath(project: string) {
      const p = state.projects.get(project);
      if (!p) throw new Error(`cloud stub: no project named ${project}`);
      const parts = [...p.received.values()].sort((a, b) => a.index - b.index);
      const out = join(
        dataDir,
        'assembled',
        `${parts.length}-${Date.now()}-${Math.random().toString(36).slice(2)}.zip`,
      );
      await mkdir(join(dataDir, 'assembled'), { recursive: true });
      async function* all() {
        for (const part of parts) yield* createReadStream(part.path);
      }
      await pipeline(all, createWriteStream(out));
      return out;
    },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const abort of ctx.aborts) abort();
        await Promise.allSettled([...inFlight]);
        await closed;
        if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
