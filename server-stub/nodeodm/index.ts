/**
 * A NodeODM-compatible stub server (seed 004) for tests, demos and offline work: the same routes and
 * reply shapes, errors as HTTP 200 + `{"error"}`, a token on every call, photo uploads streamed to
 * disk, `maxImages` enforced at commit, progress and console output over time, a real all.zip with
 * Range support, and faults (dropped uploads, cut connections, latency, node down / restarted).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, unlink } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { boundaryOf, parseMultipart } from './multipart.js';
import { checkOptions, publicOptions } from './options.js';
import { mulberry32, sendFile, sendJson } from './respond.js';
import { writeResultZip } from './result-zip.js';
import { storedName, viewTask, type StubTask } from './tasks.js';

export interface NodeOdmStubOptions {
  port?: number;
  host?: string;
  /** When set, every call except /auth/* must carry ?token=<token>. */
  token?: string;
  /** username → password accepted by /auth/login (which then returns `token`). */
  users?: Record<string, string>;
  maxImages?: number | null;
  processingMs?: number;
  /** Extra bytes in all.zip, to give downloads some size. */
  resultPadBytes?: number;
  faults?: { dropUploadRate?: number; cutUploadRate?: number; latencyMs?: number; seed?: number };
  now?: () => number;
}

export interface NodeOdmStubState {
  tasks: Map<string, StubTask>;
  counters: { requests: number; uploadRequests: number; drops: number; cuts: number; photosStored: number };
  /** Every request's method and path (no query), for tests that check what was called. */
  log: string[];
}

export interface NodeOdmStub {
  url: string;
  port: number;
  state: NodeOdmStubState;
  /** Stops accepting connections (as a crashed node): clients get "connection refused". */
  kill(): Promise<void>;
  /** Starts again on the same port; by default forgets every task, as a restarted NodeODM does. */
  restart(opts?: { forgetTasks?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function startNodeOdmStub(opts: NodeOdmStubOptions = {}): Promise<NodeOdmStub> {
  const now = opts.now ?? Date.now;
  const processingMs = opts.processingMs ?? 3000;
  const host = opts.host ?? '127.0.0.1';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nodeodm-stub-'));
  const state: NodeOdmStubState = {
    tasks: new Map(),
    counters: { requests: 0, uploadRequests: 0, drops: 0, cuts: 0, photosStored: 0 },
    log: [],
  };
  const rng = mulberry32(opts.faults?.seed ?? 1);

  const send = sendJson;
  const fail = (res: http.ServerResponse, error: string, status = 200): void => send(res, { error }, status);
  const findTask = (uuid: string): StubTask | undefined => state.tasks.get(uuid);

  async function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
    const boundary = boundaryOf(req.headers['content-type']);
    const fields: Record<string, string> = {};
    if (boundary) {
      await parseMultipart(req, boundary, {
        onField: (k, v) => (fields[k] = v),
        onFile: () => ({ write: () => undefined, end: () => undefined }),
      });
      return fields;
    }
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) fields[k] = v;
    return fields;
  }

  async function handleUpload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    task: StubTask,
  ): Promise<void> {
    state.counters.uploadRequests++;
    const roll = rng();
    const drop = roll < (opts.faults?.dropUploadRate ?? 0);
    const cut = !drop && roll < (opts.faults?.dropUploadRate ?? 0) + (opts.faults?.cutUploadRate ?? 0);
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary) return fail(res, 'Expected multipart/form-data with field "images".');
    const names = new Set(task.images);
    const written: string[] = [];
    let received = 0;
    const parsed = await parseMultipart(
      !cut
        ? (req as AsyncIterable<Buffer>)
        : (async function* () {
            for await (const c of req as AsyncIterable<Buffer>) {
              received += c.length;
              // A cut connection: the node goes away half-way through the request.
              if (cut && received > Number(req.headers['content-length'] ?? 0) / 2) {
                state.counters.cuts++;
                req.socket.destroy();
                return;
              }
              yield c;
            }
          })(),
      boundary,
      {
        onField: () => undefined,
        onFile: (field, filename) => {
          const name = storedName(names, filename);
          names.add(name);
          written.push(name);
          const out = createWriteStream(path.join(task.dir, name), { highWaterMark: 1024 * 1024 });
          return {
            write: (chunk) =>
              out.write(chunk) ? undefined : new Promise<void>((r) => out.once('drain', () => r())),
            end: () => new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r()))),
          };
        },
      },
    ).then(
      () => true,
      () => false,
    );
    if (cut || req.socket.destroyed) return void (await discard(task, written));
    if (!parsed) {
      await discard(task, written);
      return fail(res, 'Malformed multipart upload: nothing from this request was kept.', 400);
    }
    if (drop) {
      state.counters.drops++;
      await discard(task, written);
      return fail(res, 'Upload interrupted (stub fault): nothing from this request was kept.', 500);
    }
    task.images.push(...written);
    state.counters.photosStored += written.length;
    send(res, { success: true });
  }

  async function discard(task: StubTask, names: string[]): Promise<void> {
    await Promise.all(names.map((n) => unlink(path.join(task.dir, n)).catch(() => undefined)));
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const p = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    state.counters.requests++;
    state.log.push(`${method} ${p}`);
    if (opts.faults?.latencyMs) await new Promise((r) => setTimeout(r, opts.faults?.latencyMs));

    if (method === 'GET' && p === '/auth/info') {
      const login = opts.users !== undefined;
      return send(res, {
        message: login ? 'Log in with your lab account.' : 'Authentication is not available on this node.',
        loginUrl: login ? '/auth/login' : null,
        registerUrl: null,
      });
    }
    if (method === 'POST' && p === '/auth/login') {
      const f = await readForm(req);
      const ok = opts.users && f.username !== undefined && opts.users[f.username] === f.password;
      return ok
        ? send(res, { token: opts.token ?? 'stub-token' })
        : fail(res, 'Invalid username or password');
    }
    if (opts.token && url.searchParams.get('token') !== opts.token) {
      req.resume();
      return fail(res, 'Invalid authentication token');
    }

    if (method === 'GET' && p === '/info') {
      return send(res, {
        version: '2.2.1',
        taskQueueCount: [...state.tasks.values()].filter(
          (t) => t.committed && viewTask(t, now(), processingMs).code <= 20,
        ).length,
        maxImages: opts.maxImages ?? null,
        maxParallelTasks: 2,
        cpuCores: os.cpus().length,
        totalMemory: os.totalmem(),
        availableMemory: os.freemem(),
        engine: 'odm',
        engineVersion: '3.5.0-stub',
      });
    }
    if (method === 'GET' && p === '/options') return send(res, publicOptions());
    if (method === 'GET' && p === '/task/list') {
      return send(
        res,
        [...state.tasks.values()].filter((t) => t.committed).map((t) => ({ uuid: t.uuid })),
      );
    }
    if (method === 'POST' && p === '/task/new/init') {
      const f = await readForm(req);
      const problem = checkOptions(f.options);
      if (problem) return fail(res, problem);
      const uuid = randomUUID();
      const dir = path.join(dataDir, uuid);
      await mkdir(dir, { recursive: true });
      state.tasks.set(uuid, {
        uuid,
        name: f.name || uuid,
        options: f.options ? (JSON.parse(f.options) as unknown[]) : [],
        dateCreated: now(),
        dir,
        images: [],
        committed: false,
        startedAt: 0,
        canceled: false,
      });
      return send(res, { uuid });
    }
    let m = /^\/task\/new\/(upload|commit)\/([^/]+)$/.exec(p);
    if (method === 'POST' && m) {
      const task = findTask(decodeURIComponent(m[2] as string));
      if (!task || task.committed) {
        req.resume();
        return fail(res, `Invalid uuid (not found)`);
      }
      if (m[1] === 'upload') return handleUpload(req, res, task);
      req.resume();
      task.committed = true;
      task.startedAt = now();
      // Like NodeODM, the image limit may only bite once the task runs: it fails with a message.
      if (opts.maxImages != null && task.images.length > opts.maxImages) {
        task.errorMessage = `Cannot process ${task.images.length} images: this node accepts at most ${opts.maxImages} per task.`;
      }
      return send(res, { uuid: task.uuid });
    }
    m = /^\/task\/(cancel|remove|restart)$/.exec(p);
    if (method === 'POST' && m) {
      const f = await readForm(req);
      const task = f.uuid ? findTask(f.uuid) : undefined;
      if (!task || !task.committed) return fail(res, `${f.uuid ?? ''} not found`);
      if (m[1] === 'cancel') task.canceled = true;
      else if (m[1] === 'remove') {
        state.tasks.delete(task.uuid);
        await rm(task.dir, { recursive: true, force: true });
      } else {
        const problem = checkOptions(f.options);
        if (problem) return fail(res, problem);
        task.canceled = false;
        task.startedAt = now();
        task.zipPath = undefined;
      }
      return send(res, { success: true });
    }
    m = /^\/task\/([^/]+)\/(info|output|download\/([^/]+))$/.exec(p);
    if (method === 'GET' && m) {
      const uuid = decodeURIComponent(m[1] as string);
      const task = findTask(uuid);
      if (!task || !task.committed) return fail(res, `${uuid} not found`);
      const view = viewTask(task, now(), processingMs);
      if (m[2] === 'info') {
        return send(res, {
          uuid,
          name: task.name,
          dateCreated: task.dateCreated,
          processingTime: view.processingTime,
          status: view.code === 30 ? { code: 30, errorMessage: task.errorMessage } : { code: view.code },
          options: task.options,
          imagesCount: task.images.length,
          progress: view.progress,
          ...(url.searchParams.has('with_output')
            ? { output: view.output.slice(Number(url.searchParams.get('with_output')) || 0) }
            : {}),
        });
      }
      if (m[2] === 'output')
        return send(res, view.output.slice(Math.max(0, Number(url.searchParams.get('line')) || 0)));
      if (m[3] !== 'all.zip') return fail(res, 'Invalid asset');
      if (view.code !== 40) return fail(res, 'Task is not completed yet.');
      if (!task.zipPath) {
        task.zipPath = path.join(task.dir, 'all.zip');
        await writeResultZip(task.zipPath, task, opts.resultPadBytes ?? 0);
      }
      return sendFile(req, res, task.zipPath);
    }
    req.resume();
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end(`<!DOCTYPE html><html><body><pre>Cannot ${method} ${p}</pre></body></html>`);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) fail(res, `Stub error: ${(e as Error).message}`, 500);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  const port = await listen(opts.port ?? 0);
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    kill: stop,
    async restart(o = {}) {
      await stop();
      if (o.forgetTasks ?? true) state.tasks.clear();
      await listen(port);
    },
    async close() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
