/**
 * A thin node:http(s) layer: one request, streaming bodies both ways, abort and idle timeouts, and
 * connection failures turned into retryable NetworkErrors. node:http rather than fetch so an upload
 * body can be any stream (a photo inside a zip) with an exact Content-Length.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { CancelledError, NetworkError } from '../errors.js';
import { redact } from '../redact.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string | number>;
  /** A buffer, or a factory for a fresh stream (called once per attempt). */
  body?: Buffer | (() => Readable);
  signal?: AbortSignal | undefined;
  /** The socket may stay silent this long before we give up (ms). */
  idleTimeoutMs?: number;
  /** A connection must be up within this long (ms): a dead address otherwise hangs for minutes. */
  connectTimeoutMs?: number;
  /** Secrets to remove from any error message. */
  secrets?: readonly (string | undefined)[];
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

/** Long enough for a slow link's handshake, short enough that two tries stay under 20 s. */
export const CONNECT_TIMEOUT_MS = 8000;

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/** Where the node lives, for messages: origin and path, never the query (the token lives there). */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function sendRequest(req: HttpRequest): Promise<HttpResponse> {
  const { url, signal } = req;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  const mod = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents.https : agents.http;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    };
    const r = mod.request(url, { method: req.method, headers: req.headers, agent });
    const onAbort = (): void => {
      r.destroy();
      fail(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    r.setTimeout(req.idleTimeoutMs ?? 60_000, () => {
      r.destroy();
      fail(
        new NetworkError(`The node at ${describeUrl(url)} stopped answering (${req.method} timed out).`, {
          code: 'TIMEOUT',
          hint: 'Check the connection; ScanBridge retries on its own.',
          detail: { detail: 'stalled', params: { server: url.host } },
        }),
      );
    });
    r.on('socket', (socket) => {
      if (!socket.connecting) return;
      const ms = req.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
      const timer = setTimeout(() => {
        r.destroy();
        fail(
          new NetworkError(`The node at ${url.origin} did not answer within ${Math.round(ms / 1000)} s.`, {
            code: 'TIMEOUT',
            hint: 'Check the address and that the node is running, then try again later.',
            detail: { detail: 'connect', params: { server: url.host, seconds: Math.round(ms / 1000) } },
          }),
        );
      }, ms);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    r.on('error', (e: NodeJS.ErrnoException) => {
      if (signal?.aborted) return fail(new CancelledError());
      fail(networkError(e, url, req.secrets));
    });
    r.on('response', (res) => {
      if (settled) {
        res.resume();
        return;
      }
      settled = true;
      // The abort listener stays while the body streams: aborting then destroys the response.
      res.on('close', () => signal?.removeEventListener('abort', onAbort));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    if (req.body === undefined) r.end();
    else if (Buffer.isBuffer(req.body)) r.end(req.body);
    else {
      const body = req.body();
      body.on('error', (e) => {
        r.destroy();
        fail(e);
      });
      body.pipe(r);
    }
  });
}

function networkError(
  e: NodeJS.ErrnoException,
  url: URL,
  secrets?: readonly (string | undefined)[],
): NetworkError {
  const where = describeUrl(url);
  const code = e.code ?? '';
  const text = redact(e.message, secrets ?? []);
  if (code === 'ECONNREFUSED') {
    return new NetworkError(
      `The node at ${url.origin} is not accepting connections (it may be down or restarting).`,
      {
        hint: 'ScanBridge waits and tries again; check that NodeODM is running.',
        cause: e,
        detail: { detail: 'refused', params: { server: url.host } },
      },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NetworkError(`The host ${url.hostname} could not be found.`, {
      hint: 'Check the node address for typos, and the network connection.',
      cause: e,
      detail: { detail: 'dns', params: { server: url.hostname } },
    });
  }
  return new NetworkError(`The connection to ${where} failed (${code || text}).`, {
    hint: 'ScanBridge retries on its own; check the network if this persists.',
    cause: e,
    detail: { detail: 'other', params: { server: url.host } },
  });
}

/** Reads a whole (small) body; refuses more than `limit` bytes so a wrong URL cannot flood memory. */
export async function readText(res: HttpResponse, limit = 32 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.body.destroy();
      throw new NetworkError(`The node's reply is larger than expected (> ${limit} bytes).`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form-encoded body, as NodeODM's cancel/remove/restart/login expect. */
export function formBody(fields: Record<string, string>): {
  body: Buffer;
  headers: Record<string, string | number>;
} {
  const body = Buffer.from(new URLSearchParams(fields).toString());
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length },
  };
}

/** Multipart body with text fields only (NodeODM's /task/new/init parses multipart, not urlencoded). */
export function multipartFields(fields: Record<string, string>): {
  body: Buffer;
  headers: Record<string, string | number>;
} {
  const boundary = `----ScanBridge${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const body = Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
  return {
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
  };
}

export { Readable };
