/**
 * Sends a task's photos: several photos per request, a few requests in parallel, each request retried
 * with backoff on a dropped connection or HTTP 500 (NodeODM stores nothing from a failed request).
 * A photo the node confirmed is reported through `onPhotoConfirmed` (the journal) before it counts,
 * and never sent again: NodeODM would keep a re-sent photo as a second copy (`name_.jpg`).
 */
import type { LogLine } from '../log-line.js';
import pLimit from 'p-limit';
import { CancelledError } from '../errors.js';
import type { NodeOdmClient } from './client.js';
import { multipartPhotos, type UploadItem } from './multipart.js';
import type { FailureBudget } from '../net/budget.js';
import { DEFAULT_RETRY, retry as withRetry, type RetryPolicy } from '../net/retry.js';

export interface UploadOptions {
  /** Names already confirmed by the node (from the journal). */
  confirmed?: Iterable<string>;
  /** Called after each successful request with the names it carried; awaited before moving on. */
  onPhotoConfirmed?: (names: string[]) => Promise<void> | void;
  /** Photos per request (default 8) and a soft byte cap per request (default 64 MB). */
  batchPhotos?: number;
  batchBytes?: number;
  /** Requests in flight (default 3). */
  concurrency?: number;
  retry?: RetryPolicy;
  /** The job's failure clock (main/core/net/budget.ts). */
  budget?: FailureBudget | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: (p: {
    bytesDone: number;
    bytesTotal: number;
    photosDone: number;
    photosTotal: number;
  }) => void;
  log?: (level: 'info' | 'warn', line: LogLine) => void;
}

export interface UploadSummary {
  sentPhotos: number;
  skippedPhotos: number;
  sentBytes: number;
  requests: number;
  retries: number;
}

/** Groups photos into requests of at most `maxPhotos` photos and about `maxBytes` bytes. */
export function planBatches(items: UploadItem[], maxPhotos: number, maxBytes: number): UploadItem[][] {
  const batches: UploadItem[][] = [];
  let cur: UploadItem[] = [];
  let bytes = 0;
  for (const it of items) {
    if (cur.length > 0 && (cur.length >= maxPhotos || bytes + it.photo.size > maxBytes)) {
      batches.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += it.photo.size;
  }
  if (cur.length > 0) batches.push(cur);
  return batches;
}

export async function uploadPhotos(
  client: NodeOdmClient,
  uuid: string,
  items: UploadItem[],
  opts: UploadOptions = {},
): Promise<UploadSummary> {
  const confirmed = new Set(opts.confirmed ?? []);
  const todo = items.filter((it) => !confirmed.has(it.name));
  const bytesTotal = items.reduce((n, it) => n + it.photo.size, 0);
  let bytesDone = items.reduce((n, it) => n + (confirmed.has(it.name) ? it.photo.size : 0), 0);
  let photosDone = items.length - todo.length;
  const summary: UploadSummary = {
    sentPhotos: 0,
    skippedPhotos: photosDone,
    sentBytes: 0,
    requests: 0,
    retries: 0,
  };
  const report = (): void =>
    opts.onProgress?.({ bytesDone, bytesTotal, photosDone, photosTotal: items.length });
  report();

  // One failed batch stops the rest: the job retries the whole step later, from the journal.
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const limit = pLimit(Math.max(1, opts.concurrency ?? 3));
  const batches = planBatches(todo, opts.batchPhotos ?? 8, opts.batchBytes ?? 64 * 1024 * 1024);

  const runBatch = async (batch: UploadItem[]): Promise<void> => {
    if (signal.aborted) throw new CancelledError();
    const names = batch.map((b) => b.name);
    await withRetry(
      async () => {
        let attemptBytes = 0;
        const body = multipartPhotos(batch, (n) => {
          attemptBytes += n;
          bytesDone += n;
          report();
        });
        summary.requests++;
        try {
          await client.uploadImages(uuid, body, { signal });
        } catch (e) {
          bytesDone -= attemptBytes;
          report();
          throw e;
        }
      },
      opts.retry ?? client.retry ?? DEFAULT_RETRY,
      {
        signal,
        budgets: [opts.budget],
        onRetry: ({ error: e, attempt: n, delayMs: ms }) => {
          summary.retries++;
          opts.log?.('warn', {
            code: 'nodeUploadRetry',
            params: {
              file: names[0] ?? '',
              count: names.length,
              attempt: n,
              seconds: Math.round(ms / 100) / 10,
            },
            error: e,
          });
        },
      },
    );
    // Journal first, count second: a crash between the two re-counts nothing and re-sends nothing.
    await opts.onPhotoConfirmed?.(names);
    for (const n of names) confirmed.add(n);
    summary.sentPhotos += batch.length;
    summary.sentBytes += batch.reduce((n, b) => n + b.photo.size, 0);
    photosDone += batch.length;
    report();
  };

  const results = await Promise.allSettled(
    batches.map((b) =>
      limit(async () => {
        try {
          await runBatch(b);
        } catch (e) {
          stop.abort();
          throw e;
        }
      }),
    ),
  );
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  // Report the cause, not the cancellations it triggered in the other batches.
  const first = failures.find((e) => !(e instanceof CancelledError)) ?? failures[0];
  if (first !== undefined) throw first;
  return summary;
}
