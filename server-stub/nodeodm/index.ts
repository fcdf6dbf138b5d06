/**
 * A NodeODM stand-in that answers as a real NodeODM 2.2.4 in test mode does (the recordings in
 * ../shared/peers/nodeodm/ are its contract, replayed by contract.test.ts): errors as HTTP 200 +
 * `{"error"}`, the token as `?token=` on every API route, the node's 80 options and its option
 * filter, `set-uuid`, single-shot `POST /task/new`, a queue with `maxParallelTasks`, `maxImages`
 * checked after commit, all.zip without Range, CORS and Express's 404 page. Test flags as the node's:
 * `failTasks` (--test_fail_tasks), `dropUploads` (--test_drop_uploads); stand-in faults: cut
 * uploads, latency, a killed or restarted node.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../random.js';
import { ODM_OPTIONS, filterOptions, type TaskOption } from './node-options.js';
import {
  readCommandBody,
  readRaw,
  sendEmpty401,
  sendJson,
  sendNotFound,
  sendPreflight,
  sendText,
  sendZip,
} from './respond.js';
import { writeResultZip } from './result-zip.js';
import { handleCommit, handleInit, handleSingleShot, handleUpload, type TaskNewContext } from './task-new.js';
import { createTaskQueue, taskInfoBody, type StubTask, type TaskQueue } from './tasks.js';

export interface NodeOdmStubOptions {
  port?: number;
  host?: string;
  /** As the node's --token: every API call must carry ?token=<token>. */
  token?: string;
  /** Not a NodeODM feature (its /auth/login answers "Not available"): username → password, for login flows. */
  users?: Record<string, string>;
  /** As --max_images. */
  maxImages?: number | null;
  /** How long a task runs (the node's --test_seconds × 1000). Default 3000. */
  processingMs?: number;
  /** How long a committed task shows 20 before it is queued (files being moved). Default 0. */
  initMs?: number;
  /** Default 1, as the recorded node. */
  maxParallelTasks?: number;
  /** As --test_fail_tasks: every task ends in 30. */
  failTasks?: boolean;
  /**
   * With failTasks: lines added to a failed task's console, as a real ODM run that failed ends (its
   * `[ERROR]` line, a traceback). Off by default: the recorded test-mode node prints none.
   */
  failureOutput?: readonly string[];
  /** As --test_drop_uploads (true: half the upload requests, seeded), or a rate, or a decision per request (0-based). */
  dropUploads?: boolean | number | ((n: number) => boolean);
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
  /** Every `?token=` value received, in order (tests check a token reaches only its own node). */
  tokensSeen: string[];
}

export interface NodeOdmStub {
  url: string;
  port: number;
  state: NodeOdmStubState;
  /** Stops accepting connections (as a crashed node): clients get "connection refused". */
  kill(): Promise<void>;
  /** Starts again on the same port; by default forgets every task, as a restarted NodeODM does. */
  restart(opts?: { forgetTasks?: boolean }): Promise<void>;
  /** Switches --test_fail_tasks on or off for tasks that end from now on. */
  setFailTasks(on: boolean): void;
  /** Not a NodeODM feature: ends every running task now, so a test can hold a task running and then end it. */
  finishRunning(): void;
  /** True once a poisoned task (restart with options="") took the node down. */
  readonly crashed: boolean;
  close(): Promise<void>;
}

const INDEX_HTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>NodeODM (stand-in)</title></head><body><h1>NodeODM stand-in</h1><p>API: see /swagger.json</p></body></html>\n`;
const SWAGGER = JSON.stringify({ swagger: '2.0', info: { title: 'NodeODM (stand-in)', version: '2.2.4' } });

export async function startNodeOdmStub(opts: NodeOdmStubOptions = {}): Promise<NodeOdmStub> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nodeodm-stub-'));
  const rng = seededRandom(opts.faults?.seed ?? 1);
  const sockets = new Set<Socket>();
  let crashed = false;
  const queueOptions = {
    processingMs: opts.processingMs ?? 3000,
    initMs: opts.initMs ?? 0,
    maxParallelTasks: opts.maxParallelTasks ?? 1,
    maxImages: opts.maxImages ?? null,
    failTasks: opts.failTasks ?? false,
    failureOutput: opts.failureOutput ?? [],
    onCrash: () => {
      crashed = true;
      void stop();
    },
  };
  const queue: TaskQueue = createTaskQueue(queueOptions, now);
  const state: NodeOdmStubState = {
    tasks: queue.tasks,
    counters: { requests: 0, uploadRequests: 0, drops: 0, cuts: 0, photosStored: 0 },
    log: [],
    tokensSeen: [],
  };
  let uploadIndex = 0;
  const drops = opts.dropUploads;
  const dropUpload = (): boolean => {
    const n = uploadIndex++;
    if (typeof drops === 'function') return drops(n);
    const rate =
      drops === true ? 0.5 : typeof drops === 'number' ? drops : (opts.faults?.dropUploadRate ?? 0);
    return rate > 0 && rng() < rate;
  };
  const ctx: TaskNewContext = {
    queue,
    dataDir,
    now,
    maxImages: opts.maxImages ?? null,
    dropUpload,
    cutUpload: () => (opts.faults?.cutUploadRate ?? 0) > 0 && rng() < (opts.faults?.cutUploadRate ?? 0),
    counters: state.counters,
  };

  const notFound = (uuid: string): { error: string } => ({ error: `${uuid} not found` });
  const committed = (uuid: string): StubTask | undefined => {
    const t = queue.tasks.get(uuid);
    return t && t.phase !== 'uploading' ? t : undefined;
  };

  async function command(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    which: 'cancel' | 'remove' | 'restart',
  ): Promise<void> {
    const body = await readCommandBody(req);
    if ('error' in body) return sendJson(res, body);
    const raw = body.fields.uuid;
    if (raw === undefined || raw === '') return sendJson(res, { error: 'uuid param missing.' });
    const uuid = String(raw);
    const task = committed(uuid);
    if (!task) return sendJson(res, { success: false, ...notFound(uuid) });
    if (which === 'cancel') queue.cancel(task);
    else if (which === 'remove') {
      queue.remove(task);
      await rm(task.dir, { recursive: true, force: true });
    } else {
      let options: TaskOption[] | string | undefined;
      if (body.fields.options === '') options = '';
      else if (body.fields.options !== undefined) {
        const f = filterOptions(body.fields.options);
        if ('error' in f) return sendJson(res, f);
        options = f.options;
      }
      if (!queue.restart(task, options))
        return sendJson(res, { success: false, error: 'Task cannot be restarted' });
      // Recorded: the node stores "" and replies with the TypeError it then meets.
      if (options === '') return sendJson(res, { error: 'this.options.find is not a function' });
    }
    sendJson(res, { success: true });
  }

  async function taskRoute(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    uuid: string,
    what: string,
  ): Promise<void> {
    const task = committed(uuid);
    if (!task) return sendJson(res, notFound(uuid));
    if (what === 'info') return sendJson(res, taskInfoBody(task, queue, url.searchParams.get('with_output')));
    if (what === 'output')
      return sendJson(res, task.output.slice(Number.parseInt(url.searchParams.get('line') ?? '', 10) || 0));
    const asset = what.slice('download/'.length);
    if (asset !== 'all.zip') return sendJson(res, { error: 'Invalid asset' });
    if (task.phase !== 'completed') return sendJson(res, { error: 'Asset not ready' });
    if (!task.zipPath) {
      task.zipPath = path.join(task.dir, 'all.zip');
      await writeResultZip(
        task.zipPath,
        { uuid, name: task.name ?? uuid, images: task.images },
        opts.resultPadBytes ?? 0,
      );
    }
    return sendZip(req, res, task.zipPath);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    const get = method === 'GET' || method === 'HEAD';
    state.counters.requests++;
    state.log.push(`${method} ${p}`);
    const sentToken = url.searchParams.get('token');
    if (sentToken !== null) state.tokensSeen.push(sentToken);
    if (opts.faults?.latencyMs) await new Promise((r) => setTimeout(r, opts.faults?.latencyMs));

    if (method === 'OPTIONS') return sendPreflight(req, res);
    if (get && p === '/')
      return sendText(res, 200, 'text/html; charset=UTF-8', INDEX_HTML, { 'accept-ranges': 'bytes' });
    if (get && p === '/swagger.json')
      return sendText(res, 200, 'application/json; charset=UTF-8', SWAGGER, { 'accept-ranges': 'bytes' });
    if (get && p === '/auth/info') {
      const login = opts.users !== undefined;
      return sendJson(res, {
        message: login ? 'Log in with your account.' : 'Authentication not available on this node',
        loginUrl: login ? '/auth/login' : null,
        registerUrl: null,
      });
    }
    if (method === 'POST' && (p === '/auth/login' || p === '/auth/register')) {
      const body = await readCommandBody(req);
      const f = 'fields' in body ? body.fields : {};
      const users = opts.users;
      if (p === '/auth/register' || !users) return sendJson(res, { error: 'Not available' });
      const ok = typeof f.username === 'string' && users[f.username] === f.password;
      return sendJson(
        res,
        ok ? { token: opts.token ?? 'stub-token' } : { error: 'Invalid username or password' },
      );
    }

    const api = apiRoute(method, p);
    if (!api) {
      await readRaw(req, 0);
      return sendNotFound(res, method, p);
    }
    if (url.searchParams.has('_debugUnauthorized')) {
      await readRaw(req, 0);
      return sendEmpty401(res);
    }
    if (opts.token && url.searchParams.get('token') !== opts.token) {
      await readRaw(req, 0);
      return sendJson(res, { error: 'Invalid authentication token: token does not match.' });
    }
    switch (api.kind) {
      case 'info':
        return sendJson(res, {
          version: '2.2.4',
          taskQueueCount: queue.queueCount(),
          totalMemory: os.totalmem(),
          availableMemory: os.freemem(),
          cpuCores: os.cpus().length,
          maxImages: opts.maxImages ?? null,
          maxParallelTasks: opts.maxParallelTasks ?? 1,
          engineVersion: '?',
          engine: 'odm',
        });
      case 'options':
        return sendJson(res, ODM_OPTIONS);
      case 'list':
        return sendJson(
          res,
          [...queue.tasks.values()].filter((t) => t.phase !== 'uploading').map((t) => ({ uuid: t.uuid })),
        );
      case 'init':
        return handleInit(req, res, ctx);
      case 'new':
        return handleSingleShot(req, res, ctx);
      case 'upload':
        return handleUpload(req, res, api.uuid, ctx);
      case 'commit':
        return handleCommit(req, res, api.uuid, ctx);
      case 'cancel':
      case 'remove':
      case 'restart':
        return command(req, res, api.kind);
      case 'task':
        return taskRoute(req, res, url, api.uuid, api.what);
    }
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, { error: `Stand-in error: ${(e as Error).message}` }, 500);
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
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
  function stop(): Promise<void> {
    return new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  const port = await listen(opts.port ?? 0);
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    get crashed() {
      return crashed;
    },
    setFailTasks(on) {
      queueOptions.failTasks = on;
    },
    finishRunning() {
      queue.finishRunning();
    },
    kill: stop,
    async restart(o = {}) {
      await stop();
      if (o.forgetTasks ?? true) {
        queue.close();
        queue.tasks.clear();
      }
      crashed = false;
      await listen(port);
    },
    async close() {
      queue.close();
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type ApiRoute =
  | { kind: 'info' | 'options' | 'list' | 'init' | 'new' | 'cancel' | 'remove' | 'restart' }
  | { kind: 'upload' | 'commit'; uuid: string }
  | { kind: 'task'; uuid: string; what: string };

/** The node's API routes (Express matches GET routes for HEAD too); anything else is its 404 page. */
function apiRoute(method: string, p: string): ApiRoute | undefined {
  const get = method === 'GET' || method === 'HEAD';
  if (get && p === '/info') return { kind: 'info' };
  if (get && p === '/options') return { kind: 'options' };
  if (get && p === '/task/list') return { kind: 'list' };
  if (method === 'POST') {
    if (p === '/task/new/init') return { kind: 'init' };
    if (p === '/task/new') return { kind: 'new' };
    const m = /^\/task\/(cancel|remove|restart)$/.exec(p);
    if (m) return { kind: m[1] as 'cancel' | 'remove' | 'restart' };
    const n = /^\/task\/new\/(upload|commit)\/([^/]+)$/.exec(p);
    if (n) return { kind: n[1] as 'upload' | 'commit', uuid: decodeURIComponent(n[2] as string) };
  }
  if (get) {
    const m = /^\/task\/([^/]+)\/(info|output|download\/[^/]+)$/.exec(p);
    if (m) return { kind: 'task', uuid: decodeURIComponent(m[1] as string), what: m[2] as string };
  }
  return undefined;
}
