/**
 * Streams a task asset (all.zip) to disk and resumes a cut download with an HTTP Range request from
 * the bytes already on disk, so a 2 GB result over flaky Wi-Fi is fetched once, not restarted.
 */
import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { BadResponseError, CancelledError, DiskError, NetworkError } from '../errors.js';
import { parseReply, type NodeOdmClient } from './client.js';
import { readText } from './http.js';
import type { FailureBudget } from '../net/budget.js';
import { DEFAULT_RETRY, retry as withRetry, type RetryPolicy } from '../net/retry.js';

export interface DownloadOptions {
  signal?: AbortSignal | undefined;
  retry?: RetryPolicy;
  /** The job's failure clock (main/core/net/budget.ts). */
  budget?: FailureBudget | undefined;
  onProgress?: (bytesDone: number, bytesTotal: number | undefined) => void;
  log?: (level: 'info' | 'warn', message: string) => void;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Downloads `asset` of task `uuid` into `dest`, resuming from what `dest` already holds. Returns its size. */
export async function downloadAsset(
  client: NodeOdmClient,
  uuid: string,
  asset: string,
  dest: string,
  opts: DownloadOptions = {},
): Promise<number> {
  const policy = opts.retry ?? client.retry ?? DEFAULT_RETRY;
  return withRetry(() => attempt(client, uuid, asset, dest, opts), policy, {
    signal: opts.signal,
    budgets: [opts.budget],
    onRetry: ({ error: e, attempt: n, delayMs: ms }) =>
      opts.log?.('warn', `Download interrupted: ${(e as Error).message} Resuming (try ${n}) in ${ms} ms.`),
  });
}

async function attempt(
  client: NodeOdmClient,
  uuid: string,
  asset: string,
  dest: string,
  opts: DownloadOptions,
): Promise<number> {
  const have = await sizeOf(dest);
  const res = await client.openAsset(uuid, asset, have, { signal: opts.signal });
  const type = String(res.headers['content-type'] ?? '');
  if (res.status === 416 && have > 0) {
    // We asked for bytes past the end: the file on disk is already complete if it matches the total.
    res.body.resume();
    const total = Number(/\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''))?.[1]);
    if (total === have) return have;
    await truncate(dest, 0);
    throw new NetworkError('The partial download no longer matches the result on the node; starting over.');
  }
  // Errors arrive as JSON (often with HTTP 200): never write them into the zip.
  if (type.includes('application/json') || res.status >= 400 || (res.status !== 200 && res.status !== 206)) {
    const text = await readText(res, 1024 * 1024);
    parseReply(res, text, { what: `the download of ${asset}`, uuid, node: client.node });
    throw new BadResponseError(
      `The node at ${client.node} answered the download of ${asset} with HTTP ${res.status}.`,
    );
  }
  const resumed = res.status === 206;
  const length = Number(res.headers['content-length'] ?? NaN);
  const total = resumed
    ? Number(/\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''))?.[1] ?? NaN)
    : Number.isFinite(length)
      ? length
      : undefined;
  if (resumed) {
    const start = Number(/bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1] ?? NaN);
    if (start !== have) {
      res.body.resume();
      await truncate(dest, 0);
      throw new NetworkError(`The node resumed the download at byte ${start}, not ${have}; starting over.`);
    }
  }
  let done = resumed ? have : 0;
  // Not stream.pipeline: on a cut it would destroy the file stream and drop bytes already received,
  // and the resume would then start from less than we had. End the file cleanly, then report.
  const file = createWriteStream(dest, { flags: resumed ? 'a' : 'w' });
  let writeError: unknown;
  file.on('error', (e) => (writeError ??= e));
  let readError: unknown;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      if (writeError) break;
      done += chunk.length;
      if (!file.write(chunk)) await drained(file);
      opts.onProgress?.(done, Number.isFinite(total) ? total : undefined);
    }
  } catch (e) {
    readError = e;
  }
  await new Promise<void>((r) => file.end(() => r()));
  if (writeError) {
    const code = (writeError as NodeJS.ErrnoException).code;
    throw new DiskError(`Writing ${dest} failed (${code ?? (writeError as Error).message}).`, writeError);
  }
  if (opts.signal?.aborted) throw new CancelledError();
  if (readError)
    throw new NetworkError(`The download of ${asset} was cut after ${done} bytes.`, { cause: readError });
  if (total !== undefined && Number.isFinite(total) && done !== total) {
    throw new NetworkError(`The download of ${asset} ended after ${done} of ${total} bytes.`);
  }
  return done;
}

/** Waits for 'drain' or 'error', then removes both listeners (leaving them piled up one per chunk). */
function drained(file: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      file.off('drain', done);
      file.off('error', done);
      resolve();
    };
    file.once('drain', done);
    file.once('error', done);
  });
}
