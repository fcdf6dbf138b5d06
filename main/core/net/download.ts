/**
 * Downloads a result over plain HTTP(S): redirects followed (share links redirect to the file), bytes
 * to `<dest>.part` through the one Range receiver (range-download.ts), renamed to `dest` only when
 * complete, retried through the one retry against the job's failure clock.
 *
 * A redirect loop, a redirect to anything but http(s), a 404 or another refusal is permanent: it fails
 * at once and the `.part` is deleted. A cut, a 5xx or a stall is transient: the `.part` stays, and the
 * next try (or the next run) continues it with Range.
 */
import http from 'node:http';
import https from 'node:https';
import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BadResponseError, CancelledError, NetworkError } from '../errors.js';
import { redactUrl } from '../redact.js';
import type { FailureBudget } from './budget.js';
import { DEFAULT_DOWNLOAD_CAP_BYTES, receiveRange, type RangeReply } from './range-download.js';
import { isRetryable, retry, type RetryPolicy } from './retry.js';
import { diskError } from '../disk-error.js';

export interface DownloadOptions {
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number | undefined) => void;
  /** Bytes; default 20 GB (settings: downloadCapGB). */
  maxBytes?: number;
  budget?: FailureBudget | undefined;
  retry?: RetryPolicy;
  idleTimeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** What is downloaded, for messages. */
  what?: string;
}

const MAX_HOPS = 5;
const DOWNLOAD_RETRY: RetryPolicy = { retries: 6, baseMs: 500, maxMs: 30_000 };

function httpUrl(raw: string, from?: string): URL {
  let u: URL;
  try {
    u = from ? new URL(raw, from) : new URL(raw);
  } catch {
    throw new BadResponseError(
      `The download address is not a URL (${redactUrl(raw).slice(0, 80)}).`,
      undefined,
      {
        detail: { detail: 'badAddress', params: {} },
      },
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new BadResponseError(
      from
        ? `The download server redirected to a ${u.protocol} address; only http(s) is followed.`
        : `The download address is not http(s) (${u.protocol}).`,
      'The server may be misconfigured or hostile; nothing was written.',
      { detail: { detail: 'badAddress', params: {} } },
    );
  }
  return u;
}

function get(u: URL, headers: Record<string, string>, o: DownloadOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.get(u, { headers, signal: o.signal, timeout: o.idleTimeoutMs ?? 30_000 }, resolve);
    req.on('timeout', () =>
      req.destroy(
        new NetworkError(`The download from ${u.host} stalled (no data for a while).`, { code: 'TIMEOUT' }),
      ),
    );
    req.on('error', (e) => {
      if (o.signal?.aborted) reject(new CancelledError('Download cancelled.'));
      else if (e instanceof NetworkError) reject(e);
      else
        reject(
          new NetworkError(
            `The download from ${u.host} failed (${(e as NodeJS.ErrnoException).code ?? e.message}).`,
            {
              cause: e,
              hint: 'Check your connection; the download resumes where it stopped.',
            },
          ),
        );
    });
  });
}

/** Follows redirects: at most MAX_HOPS, never the same address twice, never off http(s). */
async function open(url: string, from: number, o: DownloadOptions): Promise<RangeReply> {
  const headers: Record<string, string> = from > 0 ? { Range: `bytes=${from}-` } : {};
  let current = httpUrl(url);
  const seen = new Set<string>([current.href]);
  for (let hop = 0; ; hop++) {
    const res = await get(current, headers, o);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      const next = httpUrl(res.headers.location, current.href);
      if (seen.has(next.href) || hop >= MAX_HOPS)
        throw new BadResponseError(
          `The download server at ${current.host} redirects in a loop (${hop + 1} redirects).`,
          'The link is broken on the server side; nothing was written.',
          { detail: { detail: 'redirectLoop', params: { server: current.host } } },
        );
      seen.add(next.href);
      current = next;
      continue;
    }
    return { status, headers: res.headers, body: res };
  }
}

/** Downloads `url` to `dest`, continuing a previous `.part`. Returns the final size. */
export async function downloadFile(url: string, dest: string, o: DownloadOptions = {}): Promise<number> {
  const part = `${dest}.part`;
  try {
    await mkdir(path.dirname(dest), { recursive: true });
  } catch (e) {
    throw diskError(
      e,
      { folder: path.dirname(dest) },
      `Cannot create the folder ${path.dirname(dest)}: ${(e as Error).message}.`,
    );
  }
  const target = {
    file: part,
    maxBytes: o.maxBytes ?? DEFAULT_DOWNLOAD_CAP_BYTES,
    what: o.what ?? 'the result',
    server: hostOf(url),
    signal: o.signal,
    onProgress: o.onProgress,
  };
  try {
    const size = await retry(
      () => receiveRange((from) => open(url, from, o), target),
      o.retry ?? DOWNLOAD_RETRY,
      {
        signal: o.signal,
        budgets: [o.budget],
        ...(o.sleep ? { sleep: o.sleep } : {}),
      },
    );
    await rename(part, dest);
    return size;
  } catch (e) {
    if (o.signal?.aborted) throw new CancelledError('Download cancelled.');
    // A permanent failure will not be continued: keep nothing. A transient one keeps its .part.
    if (!isRetryable(e)) await unlink(part).catch(() => undefined);
    throw e;
  }
}

/** The host of a download address, for what a person reads; undefined when it is not a URL. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
