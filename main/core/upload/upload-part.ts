/**
 * One part, one POST: the body is generated from the plan while it is sent (backpressure from the
 * socket, nothing buffered beyond a few chunks), hashed on the way, and the server's content hash
 * must match ours. node:http rather than axios: we need the streaming body and socket-level timeouts.
 */
import { sanitize } from '../sanitize.js';
import { parseRetryAfter } from '../net/backoff.js';
import http from 'node:http';
import https from 'node:https';
import {
  BadRequestError,
  CancelledError,
  HashMismatchError,
  LinkExpiredError,
  NetworkError,
  ScanBridgeError,
  ServerError,
} from '../errors.js';
import { ConnectionCutError, isCutCode } from '../net/cut.js';
import { ContentHasher } from '../pack/content-hash.js';
import type { BufferPool } from '../pack/buffer-pool.js';
import type { CrcStore } from '../pack/crc-store.js';
import { partChunks, partLength } from '../pack/part-stream.js';
import type { ZipPlan } from '../pack/types.js';
import { slices, type Throttle } from './throttle.js';

export interface UploadPartArgs {
  url: string;
  plan: ZipPlan;
  index: number;
  crcs: CrcStore;
  agent?: http.Agent;
  connectTimeoutMs?: number;
  /** No bytes moving either way for this long → abort (a stalled link, a server that stopped reading). */
  idleTimeoutMs?: number;
  /** How long the server may take to reply once the whole part is sent (default 120 s). */
  replyTimeoutMs?: number;
  signal?: AbortSignal;
  /** Bytes handed to the socket (for progress; the caller rolls them back if the part fails). */
  onBytes?: (n: number) => void;
  /** Awaited before each write (chunks are split to its `maxChunk`): the bandwidth cap. */
  throttle?: Throttle;
  chunkSize?: number;
  /** Reused read buffers (uploadParts shares one across parts); each goes back after its socket write. */
  pool?: BufferPool;
  /**
   * Send `Expect: 100-continue` and wait (up to this long) for the server's go-ahead before the body.
   * A server that refuses the part (expired link, 413) then answers before we send a byte, instead of
   * closing on us mid-body where the refusal is lost as EPIPE. 0 disables it. Default 1000 ms.
   */
  expectContinueMs?: number;
  /** Told whether the server answered the 100-continue (uploadParts stops asking servers that don't). */
  onContinue?: (supported: boolean) => void;
  /** The whole body has been handed to the socket; only the server's reply is still to come. */
  onBodySent?: () => void;
}

export interface UploadPartResult {
  /** Ours (Dropbox content hash of what we sent). */
  contentHash: string;
  bytes: number;
  /** False when the reply carried no hash of the Dropbox form to check ours against. */
  verified: boolean;
}

const MAX_REPLY_BYTES = 64 * 1024;

function waitDrain(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

/** The server's words, trimmed: a JSON `error`, else the start of a plain-text or HTML body. */
function replyText(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: unknown };
    if (typeof j.error === 'string') return sanitize(j.error, 200);
  } catch {
    // not JSON: proxies send HTML, Flask sends plain text
  }
  return sanitize(body)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

function statusError(
  status: number,
  body: string,
  part: number,
  bytes: number,
  retryAfter?: string,
): ScanBridgeError {
  const said = replyText(body);
  const tail = said ? `: ${said}` : '';
  if (status === 404 || status === 410)
    return new LinkExpiredError(
      `The upload link for part ${part} is no longer valid (HTTP ${status}${tail}).`,
      { detail: 'part', params: { part } },
    );
  if (status === 413) {
    return new BadRequestError(
      `The server refused part ${part} as too large (${bytes} bytes, HTTP 413${tail}).`,
      'Use a smaller part size (at most 200,000,000 bytes).',
      { detail: 'partTooLarge', params: { part, size: bytes } },
    );
  }
  // 417: a proxy that refuses `Expect: 100-continue`; uploadParts retries without it.
  if (status >= 500 || status === 408 || status === 429 || status === 417)
    return new ServerError(
      `The server failed on part ${part} (HTTP ${status}${tail}).`,
      status,
      undefined,
      parseRetryAfter(retryAfter),
    );
  return new BadRequestError(`The server refused part ${part} (HTTP ${status}${tail}).`, undefined, {
    detail: 'status',
    params: { status },
  });
}

export function uploadPart(args: UploadPartArgs): Promise<UploadPartResult> {
  const { plan, index } = args;
  const part = index + 1; // people and the API count parts from 1
  const length = partLength(plan, index);
  const connectTimeoutMs = args.connectTimeoutMs ?? 15_000;
  const idleTimeoutMs = args.idleTimeoutMs ?? 30_000;
  const replyTimeoutMs = args.replyTimeoutMs ?? 120_000;
  if (args.signal?.aborted) return Promise.reject(new CancelledError());
  let url: URL;
  try {
    url = new URL(args.url);
  } catch {
    return Promise.reject(
      new BadRequestError(`The upload link for part ${part} is not a valid URL.`, undefined, {
        detail: 'badUploadLink',
        params: { part },
      }),
    );
  }
  const mod = url.protocol === 'https:' ? https : http;
  const expectMs = args.expectContinueMs ?? 1000;
  const pool = args.pool;

  return new Promise<UploadPartResult>((resolve, reject) => {
    const stop = new AbortController(); // ends the body generator (closes files) whatever happens
    const hasher = new ContentHasher();
    let sent = 0;
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;

    const finish = (err: Error | null, result?: UploadPartResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      args.signal?.removeEventListener('abort', onAbort);
      stop.abort();
      if (err) {
        req.destroy();
        reject(err);
      } else {
        // The reply can arrive while our loop still waits for the last 'drain': end the request here,
        // or the keep-alive agent never gets its socket back (a 5 s stall per part, then a new socket).
        if (!req.writableEnded) req.end();
        resolve(result as UploadPartResult);
      }
    };
    const onAbort = (): void => finish(new CancelledError());
    args.signal?.addEventListener('abort', onAbort, { once: true });

    const req = mod.request(url, {
      method: 'POST',
      agent: args.agent,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(length),
        ...(expectMs > 0 ? { Expect: '100-continue' } : {}),
      },
    });

    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        finish(
          new NetworkError(
            `Could not connect to the upload server within ${Math.round(connectTimeoutMs / 1000)} s.`,
            { code: 'TIMEOUT' },
          ),
        );
      }, connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.setTimeout(idleTimeoutMs, () => {
      finish(
        new NetworkError(
          `Part ${part}: no data moved for too long (${Math.round(idleTimeoutMs / 1000)} s while sending); the connection looks stalled.`,
          { code: 'TIMEOUT' },
        ),
      );
    });
    // Once a reply has begun, it decides the outcome: a server that refuses a part (410, 413) often
    // answers before reading the body and closes, so our pending writes fail with EPIPE/ECONNRESET.
    let replied = false;
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (replied) return;
      const message = `Part ${part}: the connection failed (${e.code ?? e.message}).`;
      finish(
        isCutCode(e.code)
          ? new ConnectionCutError(message, { cause: e })
          : new NetworkError(message, { cause: e }),
      );
    });
    req.on('close', () => {
      if (!replied)
        finish(new ConnectionCutError(`Part ${part}: the connection closed before the server replied.`));
    });

    req.on('response', (res) => {
      replied = true;
      const status = res.statusCode ?? 0;
      if (status === 417) args.onContinue?.(false);
      const chunks: Buffer[] = [];
      let size = 0;
      const text = (): string => Buffer.concat(chunks).toString('utf8');
      const retryAfter =
        typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined;
      res.on('data', (c: Buffer) => {
        if (size < MAX_REPLY_BYTES) chunks.push(c);
        size += c.length;
      });
      // A cut reply: an error status still tells us what happened; a cut 200 confirms nothing.
      res.on('close', () => {
        if (status !== 200) finish(statusError(status, text(), part, length, retryAfter));
        else finish(new ConnectionCutError(`Part ${part}: the server's reply was cut off.`));
      });
      res.on('end', () => {
        const body = text();
        if (status !== 200) return finish(statusError(status, body, part, length, retryAfter));
        // A 200 before the whole body left us cannot be a confirmation of this part.
        if (sent !== length)
          return finish(
            new ServerError(`Part ${part}: the server replied before receiving the whole part.`, status),
          );
        let theirs: unknown;
        try {
          theirs = (JSON.parse(body) as Record<string, unknown>)['content-hash'];
        } catch {
          theirs = undefined;
        }
        const ours = hasher.digest();
        // The seeds do not say how the hash is made. Only a value of the Dropbox form (64 hex) can be
        // checked: a mismatch there is damage (retry the part). Anything else: accepted, unverified.
        if (typeof theirs !== 'string' || !/^[0-9a-f]{64}$/i.test(theirs))
          return finish(null, { contentHash: ours, bytes: sent, verified: false });
        if (theirs.toLowerCase() !== ours) {
          return finish(
            new HashMismatchError(
              `Part ${part} arrived damaged: the server's content hash differs from ours.`,
              { detail: 'part', params: { part } },
            ),
          );
        }
        finish(null, { contentHash: ours, bytes: sent, verified: true });
      });
    });

    /**
     * Writing into a request still queued for an agent's socket buffers the body and can leave 'drain'
     * unsent for seconds (seen with maxSockets): start the body only once we own a connected socket.
     */
    const connected = new Promise<void>((resolve) => {
      req.once('close', resolve);
      req.once('socket', (socket) => {
        if (socket.connecting) socket.once('connect', () => resolve());
        else resolve();
      });
    });

    /** Resolves when the body may be sent: at once, on `100 Continue`, or after the wait. */
    const goAhead = async (): Promise<void> => {
      await connected;
      if (expectMs <= 0 || settled || replied) return;
      req.flushHeaders();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          args.onContinue?.(false);
          resolve();
        }, expectMs);
        const go = (): void => {
          clearTimeout(timer);
          resolve();
        };
        req.once('continue', () => {
          args.onContinue?.(true);
          go();
        });
        req.once('response', go);
        req.once('close', go);
      });
    };

    void (async () => {
      await goAhead();
      if (settled || replied) return;
      const chunks = partChunks(plan, index, {
        crcs: args.crcs,
        signal: stop.signal,
        chunkSize: args.chunkSize,
        pool,
      });
      // Read ahead: the next chunk is read while the socket drains this one, so disk and wire overlap.
      // A read-ahead that fails while we wait on the socket or the cap is seen when awaited; mark
      // it handled now so it never surfaces as an unhandled rejection meanwhile.
      const ahead = (): Promise<IteratorResult<Buffer>> => {
        const p = chunks.next();
        p.catch(() => undefined);
        return p;
      };
      let next = ahead();
      try {
        for (;;) {
          const r = await next;
          if (r.done) break;
          const chunk = r.value;
          if (settled || replied) return;
          const throttle = args.throttle;
          if (!throttle) {
            hasher.update(chunk);
            sent += chunk.length;
            const flowing = pool ? req.write(chunk, () => pool.give(chunk)) : req.write(chunk);
            args.onBytes?.(chunk.length);
            next = ahead();
            if (!flowing) await waitDrain(req);
            continue;
          }
          // Capped: pay for each slice before it goes out, so no more than one burst leaves at once.
          next = ahead();
          const pieces = slices(chunk, throttle.maxChunk);
          for (let k = 0; k < pieces.length; k++) {
            const piece = pieces[k] as Buffer;
            await throttle(piece.length, stop.signal);
            if (settled || replied) return;
            hasher.update(piece);
            sent += piece.length;
            // The pooled buffer goes back once its last slice has been written out.
            const last = k === pieces.length - 1;
            const flowing = pool && last ? req.write(piece, () => pool.give(chunk)) : req.write(piece);
            args.onBytes?.(piece.length);
            if (!flowing) await waitDrain(req);
          }
        }
      } finally {
        // Closes the files of an unfinished part (queued behind a pending read, if any).
        next.catch(() => undefined);
        void chunks.return(undefined).catch(() => undefined);
      }
      if (settled || replied) return;
      if (sent !== length) throw new Error(`internal: part ${part} produced ${sent} of ${length} bytes`);
      req.end();
      // The whole part is out; the server may take a while to store it before it replies.
      req.setTimeout(Math.max(idleTimeoutMs, replyTimeoutMs));
      args.onBodySent?.();
    })().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });
}
