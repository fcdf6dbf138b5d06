/**
 * The NodeODM / ClusterODM REST client (seed 004). Every call carries `?token=` when the profile has
 * one, every body is checked for `{"error": ...}` (NodeODM answers most failures with HTTP 200), and
 * every message is stripped of the token before it leaves this module.
 */
import { BadResponseError } from '../errors.js';
import { redact } from '../redact.js';
import {
  describeUrl,
  formBody,
  multipartFields,
  readText,
  sendRequest,
  type HttpRequest,
  type HttpResponse,
} from './http.js';
import { notNodeOdm, obj, parseInfo, parseOption, parseReply, parseTaskInfo, scrub } from './replies.js';
import { DEFAULT_RETRY, retry as withRetry, type RetryPolicy } from '../net/retry.js';
import type { AuthInfo, NodeInfo, NodeOdmOptionValue, NodeOption, TaskInfo, UploadBody } from './types.js';

// Kept importable from here: the client is where readers look for them first.
export {
  TASK_STATUS,
  type AuthInfo,
  type NodeInfo,
  type NodeOption,
  type TaskInfo,
  type UploadBody,
} from './types.js';

/** /info is how a job first meets its node: one quick second try, then "try later". */
export const FIRST_CONTACT_RETRY: RetryPolicy = { retries: 1, baseMs: 500, maxMs: 1000 };
/**
 * How long the first contact waits for a reply once connected. A host that accepts the connection and
 * never answers is as dead as one that refuses it: two tries of 8 s stay under the 20 s promise.
 */
export const FIRST_CONTACT_IDLE_MS = 8000;

export interface NodeOdmClientOptions {
  /** The node's base URL, e.g. http://host:3000 (a path prefix is kept). */
  url: string;
  token?: string | undefined;
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface NodeOdmClient {
  /** The node's address without any secret, for messages and the UI. */
  readonly node: string;
  readonly token: string | undefined;
  readonly retry: RetryPolicy;
  info(o?: CallOptions): Promise<NodeInfo>;
  options(o?: CallOptions): Promise<NodeOption[]>;
  authInfo(o?: CallOptions): Promise<AuthInfo>;
  login(username: string, password: string, o?: CallOptions): Promise<string>;
  initTask(name: string, options: NodeOdmOptionValue[], o?: CallOptions): Promise<string>;
  /** One multipart request of photos (field `images`); no retry here: the uploader owns that. */
  uploadImages(uuid: string, body: UploadBody, o?: CallOptions): Promise<void>;
  commitTask(uuid: string, o?: CallOptions): Promise<void>;
  taskInfo(uuid: string, o?: CallOptions): Promise<TaskInfo>;
  /** Console lines from line `line` on. */
  taskOutput(uuid: string, line: number, o?: CallOptions): Promise<string[]>;
  cancelTask(uuid: string, o?: CallOptions): Promise<void>;
  removeTask(uuid: string, o?: CallOptions): Promise<void>;
  restartTask(uuid: string, options?: NodeOdmOptionValue[], o?: CallOptions): Promise<void>;
  listTasks(o?: CallOptions): Promise<string[]>;
  /** Starts a download of an asset (e.g. all.zip), optionally from byte `from`. Caller reads the body. */
  openAsset(uuid: string, asset: string, from: number, o?: CallOptions): Promise<HttpResponse>;
  /** Builds the URL of a call, with the token; never show it. */
  urlFor(path: string, query?: Record<string, string>): URL;
}

export function createNodeOdmClient(opts: NodeOdmClientOptions): NodeOdmClient {
  let base: URL;
  try {
    base = new URL(opts.url.endsWith('/') ? opts.url : `${opts.url}/`);
  } catch {
    throw new BadResponseError(
      `"${redact(opts.url)}" is not a URL.`,
      'Enter the node address, e.g. http://host:3000.',
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new BadResponseError(
      `"${redact(opts.url)}" is not an http(s) address.`,
      'Use e.g. http://host:3000.',
    );
  }
  base.search = '';
  const token = opts.token?.trim() || undefined;
  const secrets = [token];
  const retry = opts.retry ?? DEFAULT_RETRY;
  const node = describeUrl(base).replace(/\/$/, '');

  const urlFor = (path: string, query: Record<string, string> = {}): URL => {
    const u = new URL(path.replace(/^\//, ''), base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    if (token) u.searchParams.set('token', token);
    return u;
  };

  interface Call {
    method: 'GET' | 'POST';
    path: string;
    query?: Record<string, string>;
    body?: { body: Buffer; headers: Record<string, string | number> };
    uuid?: string;
    /** Safe to send again (reads, and commands whose repeat does no harm). */
    idempotent: boolean;
    signal?: AbortSignal | undefined;
    /** A retry policy for this call instead of the client's. */
    policy?: RetryPolicy;
    /** A shorter wait for a reply than the client's, for this call. */
    idleTimeoutMs?: number;
  }

  async function once(c: Call): Promise<unknown> {
    const what = `${c.method} ${c.path.replace(/\?.*/, '')}`;
    const req: HttpRequest = {
      method: c.method,
      url: urlFor(c.path, c.query),
      headers: { accept: 'application/json', ...(c.body?.headers ?? {}) },
      body: c.body?.body,
      signal: c.signal,
      idleTimeoutMs:
        c.idleTimeoutMs !== undefined
          ? Math.min(c.idleTimeoutMs, opts.idleTimeoutMs ?? Infinity)
          : opts.idleTimeoutMs,
      secrets,
    };
    const res = await sendRequest(req);
    return parseReply(res, await readText(res), { what, uuid: c.uuid, node, tokenSent: !!token });
  }

  async function call(c: Call): Promise<unknown> {
    try {
      if (!c.idempotent) return await once(c);
      return await withRetry(() => once(c), c.policy ?? retry, {
        signal: c.signal,
        onRetry: ({ error: e, attempt: n, delayMs: ms }) =>
          opts.log?.(`${c.method} ${c.path}: ${(e as Error).message}; retry ${n} in ${ms} ms`),
      });
    } catch (e) {
      throw scrub(e, secrets);
    }
  }

  return {
    node,
    token,
    retry,
    urlFor,
    async info(o) {
      // The first contact: a dead address must say so within 20 s (two connect or reply timeouts), not ~2 min.
      const raw = await call({
        method: 'GET',
        path: 'info',
        idempotent: true,
        signal: o?.signal,
        policy: FIRST_CONTACT_RETRY,
        idleTimeoutMs: FIRST_CONTACT_IDLE_MS,
      });
      return parseInfo(raw, node);
    },
    async options(o) {
      const raw = await call({ method: 'GET', path: 'options', idempotent: true, signal: o?.signal });
      if (!Array.isArray(raw)) throw notNodeOdm(node, '/options did not return a list');
      return raw.map((r) => parseOption(r, node));
    },
    async authInfo(o) {
      const raw = obj(
        await call({ method: 'GET', path: 'auth/info', idempotent: true, signal: o?.signal }),
        node,
      );
      return {
        message: typeof raw.message === 'string' ? raw.message : '',
        loginUrl: typeof raw.loginUrl === 'string' ? raw.loginUrl : null,
        registerUrl: typeof raw.registerUrl === 'string' ? raw.registerUrl : null,
      };
    },
    async login(username, password, o) {
      const raw = obj(
        await call({
          method: 'POST',
          path: 'auth/login',
          body: formBody({ username, password }),
          idempotent: true,
          signal: o?.signal,
        }),
        node,
      );
      if (typeof raw.token !== 'string' || !raw.token)
        throw new BadResponseError(`The node at ${node} sent no token.`, undefined, {
          detail: { detail: 'reply', params: { server: node, call: 'token/new' } },
        });
      return raw.token;
    },
    async initTask(name, options, o) {
      const raw = obj(
        await call({
          method: 'POST',
          path: 'task/new/init',
          body: multipartFields({ name, options: JSON.stringify(options) }),
          idempotent: false,
          signal: o?.signal,
        }),
        node,
      );
      if (typeof raw.uuid !== 'string' || !raw.uuid)
        throw new BadResponseError(`The node at ${node} sent no task uuid.`, undefined, {
          detail: { detail: 'reply', params: { server: node, call: 'task/new' } },
        });
      return raw.uuid;
    },
    async uploadImages(uuid, body, o) {
      const path = `task/new/upload/${encodeURIComponent(uuid)}`;
      try {
        const res = await sendRequest({
          method: 'POST',
          url: urlFor(path),
          headers: { accept: 'application/json', ...body.headers },
          body: body.stream,
          signal: o?.signal,
          idleTimeoutMs: opts.idleTimeoutMs,
          secrets,
        });
        parseReply(res, await readText(res), { what: 'the photo upload', uuid, node, tokenSent: !!token });
      } catch (e) {
        throw scrub(e, secrets);
      }
    },
    async commitTask(uuid, o) {
      const path = `task/new/commit/${encodeURIComponent(uuid)}`;
      await call({ method: 'POST', path, uuid, idempotent: false, signal: o?.signal });
    },
    async taskInfo(uuid, o) {
      const path = `task/${encodeURIComponent(uuid)}/info`;
      return parseTaskInfo(
        await call({ method: 'GET', path, uuid, idempotent: true, signal: o?.signal }),
        node,
      );
    },
    async taskOutput(uuid, line, o) {
      const path = `task/${encodeURIComponent(uuid)}/output`;
      const raw = await call({
        method: 'GET',
        path,
        query: { line: String(line) },
        uuid,
        idempotent: true,
        signal: o?.signal,
      });
      if (!Array.isArray(raw))
        throw new BadResponseError(`The node at ${node} sent console output that is not a list.`, undefined, {
          detail: { detail: 'reply', params: { server: node, call: 'task/output' } },
        });
      return raw.map(String);
    },
    async cancelTask(uuid, o) {
      await command('task/cancel', { uuid }, uuid, o);
    },
    async removeTask(uuid, o) {
      await command('task/remove', { uuid }, uuid, o);
    },
    async restartTask(uuid, options, o) {
      const fields: Record<string, string> = { uuid };
      if (options) fields.options = JSON.stringify(options);
      await command('task/restart', fields, uuid, o);
    },
    async listTasks(o) {
      const raw = await call({ method: 'GET', path: 'task/list', idempotent: true, signal: o?.signal });
      if (!Array.isArray(raw))
        throw new BadResponseError(`The node at ${node} sent a task list that is not a list.`, undefined, {
          detail: { detail: 'reply', params: { server: node, call: 'task/list' } },
        });
      return raw.map((t) => String((t as { uuid?: unknown }).uuid ?? ''));
    },
    async openAsset(uuid, asset, from, o) {
      const path = `task/${encodeURIComponent(uuid)}/download/${encodeURIComponent(asset)}`;
      try {
        return await sendRequest({
          method: 'GET',
          url: urlFor(path),
          headers: from > 0 ? { range: `bytes=${from}-` } : {},
          signal: o?.signal,
          idleTimeoutMs: opts.idleTimeoutMs,
          secrets,
        });
      } catch (e) {
        throw scrub(e, secrets);
      }
    },
  };

  async function command(
    path: string,
    fields: Record<string, string>,
    uuid: string,
    o?: CallOptions,
  ): Promise<void> {
    const raw = obj(
      await call({ method: 'POST', path, body: formBody(fields), uuid, idempotent: true, signal: o?.signal }),
      node,
    );
    if (raw.success === false)
      throw new BadResponseError(`The node at ${node} did not accept ${path} for ${uuid}.`, undefined, {
        detail: { detail: 'reply', params: { server: node, call: path } },
      });
  }
}

export { notNodeOdm, parseReply } from './replies.js';
