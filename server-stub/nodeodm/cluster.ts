/**
 * A ClusterODM 1.5.x stand-in in front of NodeODM nodes (stand-ins or real), as ../shared/peers/
 * clusterodm/README.md describes it: /info describes the cluster (fixed figures, answered even with no
 * node online), /options is the first online node's, init and uploads are kept by the proxy, the node
 * is chosen at commit (round robin over online nodes) and the photos re-sent to it after `{uuid}` is
 * returned; meanwhile info is a placeholder (20, no progress) and output one "Launching..." line. A
 * task stays on its node: if that node is down the connection is closed without a reply. A missing or
 * wrong token is a 401 with an empty body on every route.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readRaw, sendEmpty401, sendJson, sendNotFound } from './respond.js';

export interface ClusterStubOptions {
  /** Base URLs of the nodes behind the proxy. */
  nodes: string[];
  token?: string;
  host?: string;
  port?: number;
  /** How long forwarding a committed task to its node takes at least (the placeholder's lifetime). */
  forwardDelayMs?: number;
}

export interface ClusterStub {
  url: string;
  /** uuid → node URL the task was sent to. */
  routes: Map<string, string>;
  log: string[];
  close(): Promise<void>;
}

interface Pending {
  uuid: string;
  name?: string | undefined;
  options?: string | undefined;
  /** Each upload request's multipart body as received, with its content type, to be re-sent as is. */
  uploads: { file: string; type: string }[];
  forwarding: boolean;
  dateCreated: number;
}

const PLACEHOLDER_LINE = 'Launching... please wait! This can take a few minutes.';

async function nodeCall(
  base: string,
  method: string,
  p: string,
  body?: { type: string; data: Buffer | (() => NodeJS.ReadableStream); length?: number },
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; raw: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const url = new URL(p.replace(/^\//, ''), `${base.replace(/\/$/, '')}/`);
    const req = http.request(url, {
      method,
      headers: {
        ...headers,
        ...(body ? { 'content-type': body.type } : {}),
        ...(body?.length !== undefined ? { 'content-length': body.length } : {}),
      },
      agent: false,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, raw, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!body) req.end();
    else if (Buffer.isBuffer(body.data)) req.end(body.data);
    else (body.data() as NodeJS.ReadableStream).pipe(req);
  });
}

export async function startClusterOdmStub(opts: ClusterStubOptions): Promise<ClusterStub> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clusterodm-stub-'));
  const pending = new Map<string, Pending>();
  const routes = new Map<string, string>();
  const log: string[] = [];
  const sockets = new Set<Socket>();
  let next = 0;

  const online = async (): Promise<string[]> => {
    const up = await Promise.all(
      opts.nodes.map((n) =>
        nodeCall(n, 'GET', '/info').then(
          (r) => (r.status === 200 ? n : undefined),
          () => undefined,
        ),
      ),
    );
    return up.filter((n): n is string => n !== undefined);
  };

  async function forward(task: Pending, node: string): Promise<void> {
    const fields = [`--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n${task.name ?? ''}\r\n`];
    if (task.options)
      fields.push(`--b\r\nContent-Disposition: form-data; name="options"\r\n\r\n${task.options}\r\n`);
    const init = Buffer.from(`${fields.join('')}--b--\r\n`);
    await nodeCall(
      node,
      'POST',
      '/task/new/init',
      { type: 'multipart/form-data; boundary=b', data: init },
      { 'set-uuid': task.uuid },
    );
    for (const u of task.uploads) {
      const size = (await stat(u.file)).size;
      await nodeCall(node, 'POST', `/task/new/upload/${task.uuid}`, {
        type: u.type,
        data: () => createReadStream(u.file),
        length: size,
      });
    }
    await new Promise((r) => setTimeout(r, opts.forwardDelayMs ?? 0));
    await nodeCall(node, 'POST', `/task/new/commit/${task.uuid}`);
    pending.delete(task.uuid);
  }

  const gone = (uuid: string, what: string) => ({
    error: `Invalid route for taskId ${uuid}:${what}, no task table entry.`,
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cluster');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    log.push(`${method} ${p}`);
    if (opts.token && url.searchParams.get('token') !== opts.token) {
      await readRaw(req, 0);
      return sendEmpty401(res);
    }
    if (method === 'GET' && p === '/info') {
      return sendJson(res, {
        version: '1.5.3',
        taskQueueCount: 0,
        totalMemory: 99999999999,
        availableMemory: 99999999999,
        cpuCores: 99999999999,
        maxImages: null,
        maxParallelTasks: 99999999999,
        engineVersion: '?',
        engine: 'odm',
      });
    }
    if (method === 'GET' && p === '/options') {
      const [first] = await online();
      if (!first) return sendJson(res, { error: 'Cannot compute /options, no nodes are online.' });
      return sendJson(res, (await nodeCall(first, 'GET', '/options')).json);
    }
    if (method === 'POST' && p === '/task/new/init') {
      if ((await online()).length === 0) {
        await readRaw(req, 0);
        return sendJson(res, { error: 'Cannot create task, no nodes are online.' });
      }
      const raw = await readRaw(req, 10 * 1024 * 1024);
      const text = raw.toString('latin1');
      const field = (n: string) => new RegExp(`name="${n}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(text)?.[1];
      const setUuid = req.headers['set-uuid'];
      const uuid = typeof setUuid === 'string' && setUuid ? setUuid : randomUUID();
      pending.set(uuid, {
        uuid,
        name: field('name'),
        options: field('options'),
        uploads: [],
        forwarding: false,
        dateCreated: Date.now(),
      });
      return sendJson(res, { uuid });
    }
    let m = /^\/task\/new\/(upload|commit)\/([^/]+)$/.exec(p);
    if (method === 'POST' && m) {
      const uuid = decodeURIComponent(m[2]!);
      const task = pending.get(uuid);
      if (!task || task.forwarding) {
        await readRaw(req, 0);
        return sendJson(res, { error: 'Invalid uuid (not found)' });
      }
      if (m[1] === 'upload') {
        const file = path.join(dir, `${uuid}-${task.uploads.length}`);
        await pipeline(req, createWriteStream(file));
        task.uploads.push({ file, type: String(req.headers['content-type'] ?? '') });
        return sendJson(res, { success: true });
      }
      await readRaw(req, 0);
      const up = await online();
      if (up.length === 0) {
        // The photos are deleted: this task cannot be committed again.
        pending.delete(uuid);
        await Promise.all(task.uploads.map((u) => rm(u.file, { force: true })));
        return sendJson(res, { error: 'No nodes available' });
      }
      const node = up[next++ % up.length]!;
      routes.set(uuid, node);
      task.forwarding = true;
      // {uuid} first; the node gets the task afterwards.
      sendJson(res, { uuid });
      void forward(task, node).catch(() => pending.delete(uuid));
      return;
    }
    m = /^\/task\/(cancel|remove|restart)$/.exec(p);
    if (method === 'POST' && m) {
      const raw = await readRaw(req);
      const uuid = new URLSearchParams(raw.toString('utf8')).get('uuid') ?? '';
      const node = routes.get(uuid);
      if (!node) return sendJson(res, gone(uuid, m[1]!));
      return relay(
        res,
        node,
        method,
        p,
        { type: String(req.headers['content-type'] ?? ''), data: raw },
        uuid,
      );
    }
    m = /^\/task\/([^/]+)\/(info|output|download\/.+)$/.exec(p);
    if (method === 'GET' && m) {
      const uuid = decodeURIComponent(m[1]!);
      const node = routes.get(uuid);
      const what = m[2]!.split('/')[0]!;
      if (!node) return sendJson(res, gone(uuid, what));
      const task = pending.get(uuid);
      if (task) {
        // Still being handed to its node: a placeholder.
        if (what === 'info')
          return sendJson(res, {
            uuid,
            name: task.name,
            dateCreated: task.dateCreated,
            processingTime: -1,
            status: { code: 20 },
            options: [],
            imagesCount: 0,
          });
        if (what === 'output') return sendJson(res, [PLACEHOLDER_LINE]);
        return sendJson(res, { error: 'Asset not ready' });
      }
      return relay(
        res,
        node,
        method,
        `${p}${url.search.replace(/([?&])token=[^&]*&?/, '$1')}`,
        undefined,
        uuid,
      );
    }
    await readRaw(req, 0);
    return sendNotFound(res, method, p);
  }

  /** Passes a call on to the task's node; a node that is down means no reply at all, as ClusterODM does. */
  async function relay(
    res: http.ServerResponse,
    node: string,
    method: string,
    p: string,
    body: { type: string; data: Buffer } | undefined,
    uuid: string,
  ): Promise<void> {
    let r;
    try {
      r = await nodeCall(node, method, p, body);
    } catch {
      res.socket?.destroy();
      return;
    }
    if (
      typeof (r.json as { error?: unknown } | undefined)?.error === 'string' &&
      /not found/.test((r.json as { error: string }).error)
    )
      return sendJson(res, { error: 'Invalid taskId: the task no longer exists.' });
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'content-length', 'content-disposition']) {
      const v = r.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    res.writeHead(r.status, headers);
    res.end(r.raw);
    void uuid;
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch(() => res.socket?.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    routes,
    log,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
