/**
 * Streams a task asset (all.zip) to disk and resumes a cut download with an HTTP Range request from
 * the bytes already on disk, so a 2 GB result over flaky Wi-Fi is fetched once, not restarted.
 */
import type { LogLine } from '../log-line.js';
import { BadResponseError } from '../errors.js';
import { DEFAULT_DOWNLOAD_CAP_BYTES, receiveRange } from '../net/range-download.js';
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
  /** The download cap (bytes); default 20 GB. */
  maxBytes?: number;
  log?: (level: 'info' | 'warn', line: LogLine) => void;
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
      opts.log?.('warn', {
        code: 'downloadRetry',
        params: { attempt: n, seconds: Math.round(ms / 100) / 10 },
        error: e,
      }),
  });
}

/** One try through the shared Range receiver; NodeODM's JSON errors (often HTTP 200) are read first. */
async function attempt(
  client: NodeOdmClient,
  uuid: string,
  asset: string,
  dest: string,
  opts: DownloadOptions,
): Promise<number> {
  return receiveRange(
    async (from) => {
      const res = await client.openAsset(uuid, asset, from, { signal: opts.signal });
      const type = String(res.headers['content-type'] ?? '');
      // Errors arrive as JSON (often with HTTP 200): never write them into the zip.
      if (type.includes('application/json') || res.status >= 400) {
        const text = await readText(res, 1024 * 1024);
        parseReply(res, text, {
          what: `the download of ${asset}`,
          uuid,
          node: client.node,
          tokenSent: client.token !== undefined,
        });
        throw new BadResponseError(
          `The node at ${client.node} answered the download of ${asset} with HTTP ${res.status}.`,
        );
      }
      return { status: res.status, headers: res.headers, body: res.body };
    },
    {
      file: dest,
      maxBytes: opts.maxBytes ?? DEFAULT_DOWNLOAD_CAP_BYTES,
      what: asset,
      server: client.node,
      signal: opts.signal,
      onProgress: opts.onProgress,
    },
  );
}
