/**
 * The one Range receiver: whatever opened the request (a plain GET with redirects for cloud results,
 * the NodeODM client for task assets), this writes the body to a `.part` file, continues it with
 * HTTP Range after a cut, checks that a 206 starts where our file ends, and enforces the download cap
 * on the bytes actually received — a reply without Content-Length is stopped at the cap too.
 *
 * Failures are classified here, once: a cut or a short body is transient (the `.part` stays for the
 * next try); an over-cap reply or a refusal is permanent, and then the `.part` is deleted.
 */
import { createWriteStream } from 'node:fs';
import { stat, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import type http from 'node:http';
import type { Readable } from 'node:stream';
import {
  BadRequestError,
  BadResponseError,
  CancelledError,
  NetworkError,
  ScanBridgeError,
  ServerError,
} from '../errors.js';
import { parseRetryAfter } from './backoff.js';
import { diskError, diskErrorWithSpace } from '../disk-error.js';

export interface RangeReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Readable;
}

export interface RangeTarget {
  /** Where the bytes go (appended to on resume). */
  file: string;
  /** The download cap (bytes): a larger result is refused and nothing of it is kept. */
  maxBytes: number;
  /** What is downloaded, for messages ("the model", "all.zip"). */
  what: string;
  /** The server's host, for what a person reads ("cloud.example has nothing…"). */
  server?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number | undefined) => void;
}

/** 20 GB: the default download cap (settings: downloadCapGB). */
export const DEFAULT_DOWNLOAD_CAP_BYTES = 20_000_000_000;

export class DownloadTooLargeError extends BadResponseError {
  constructor(what: string, bytes: number | 'more', cap: number) {
    super(
      `The server sent ${bytes === 'more' ? 'more than' : `${bytes} bytes for`} ${what}${bytes === 'more' ? ` ${cap} bytes` : ''}, over the download cap of ${cap} bytes; nothing of it was kept.`,
      'Raise the download cap in Settings if you expect a result this large.',
      { detail: { detail: 'overCap', params: { limit: cap } } },
    );
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** A status that is neither 200 nor 206, as a classified error: 5xx/408/429 transient, the rest permanent. */
export function statusError(
  status: number,
  what: string,
  headers: http.IncomingHttpHeaders,
  server?: string,
): ScanBridgeError {
  if (status >= 500 || status === 408 || status === 429) {
    const ra = headers['retry-after'];
    return new ServerError(
      `The server answered the download of ${what} with HTTP ${status}.`,
      status,
      'This is usually temporary; the download continues where it stopped.',
      parseRetryAfter(typeof ra === 'string' ? ra : undefined),
    );
  }
  if (status === 404 || status === 410)
    return new ScanBridgeError('NOT_FOUND', `The server has no ${what} (HTTP ${status}).`, {
      hint: 'The result may have expired (cloud results are kept about 7 days) or was never made.',
      detail: server === undefined ? undefined : { detail: 'download', params: { server, status } },
    });
  if (status >= 400)
    return new BadRequestError(`The server refused the download of ${what} (HTTP ${status}).`, undefined, {
      detail: 'status',
      params: { status },
    });
  return new BadResponseError(`The server answered the download of ${what} with HTTP ${status}.`);
}

const contentRange = (h: http.IncomingHttpHeaders) => String(h['content-range'] ?? '');

/**
 * One try: opens from the end of `file`, writes what arrives. Returns the file's final size.
 * `open(from)` must send `Range: bytes=<from>-` when from > 0.
 */
export async function receiveRange(
  open: (from: number) => Promise<RangeReply>,
  t: RangeTarget,
): Promise<number> {
  const have = await sizeOf(t.file);
  const res = await open(have);
  const total206 = Number(/\/(\d+)$/.exec(contentRange(res.headers))?.[1] ?? NaN);
  if (res.status === 416 && have > 0) {
    res.body.resume();
    if (total206 === have) return have; // we already hold every byte
    await truncate(t.file, 0);
    throw new NetworkError(
      `The partial download of ${t.what} no longer matches the server's; starting over.`,
    );
  }
  if (res.status !== 200 && res.status !== 206) {
    res.body.resume();
    throw statusError(res.status, t.what, res.headers, t.server);
  }
  const resumed = res.status === 206 && have > 0;
  if (resumed) {
    const start = Number(/bytes (\d+)-/.exec(contentRange(res.headers))?.[1] ?? NaN);
    if (start !== have) {
      res.body.resume();
      await truncate(t.file, 0);
      throw new NetworkError(`The server resumed ${t.what} at byte ${start}, not ${have}; starting over.`);
    }
  }
  const length = Number(res.headers['content-length'] ?? NaN);
  const total = resumed ? total206 : Number.isFinite(length) ? length : undefined;
  const known = total !== undefined && Number.isFinite(total) ? total : undefined;
  if (known !== undefined && known > t.maxBytes) {
    res.body.destroy();
    await unlink(t.file).catch(() => undefined);
    throw new DownloadTooLargeError(t.what, known, t.maxBytes);
  }
  let done = resumed ? have : 0;
  // Not stream.pipeline: on a cut it would destroy the file stream and drop bytes already received,
  // and the resume would then start from less than we had. End the file cleanly, then report.
  const file = createWriteStream(t.file, { flags: resumed ? 'a' : 'w' });
  let writeError: unknown;
  file.on('error', (e) => (writeError ??= e));
  let readError: unknown;
  let overCap = false;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      if (writeError) break;
      done += chunk.length;
      if (done > t.maxBytes) {
        overCap = true;
        res.body.destroy();
        break;
      }
      if (!file.write(chunk)) await drained(file);
      t.onProgress?.(done, known);
    }
  } catch (e) {
    readError = e;
  }
  await new Promise<void>((r) => file.end(() => r()));
  if (overCap) {
    await unlink(t.file).catch(() => undefined);
    throw new DownloadTooLargeError(t.what, 'more', t.maxBytes);
  }
  if (writeError) {
    const code = (writeError as NodeJS.ErrnoException).code;
    const folder = path.dirname(t.file);
    if (code === 'ENOSPC' && known !== undefined)
      throw await diskErrorWithSpace(
        writeError,
        folder,
        `The disk is full while writing "${t.file}".`,
        known - done,
      );
    if (code === 'ENOSPC')
      throw diskError(writeError, { folder }, `The disk is full while writing "${t.file}".`);
    throw diskError(
      writeError,
      { folder },
      `Writing ${t.file} failed (${code ?? (writeError as Error).message}).`,
    );
  }
  if (t.signal?.aborted) throw new CancelledError('Download cancelled.');
  if (readError)
    throw new NetworkError(`The download of ${t.what} was cut after ${done} bytes.`, { cause: readError });
  if (known !== undefined && done !== known)
    throw new NetworkError(`The download of ${t.what} ended after ${done} of ${known} bytes.`);
  return done;
}

/** Waits for 'drain' or 'error', then removes both listeners. */
function drained(file: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      file.off('drain', done);
      file.off('error', done);
      resolve();
    };
    file.on('drain', done);
    file.on('error', done);
  });
}
