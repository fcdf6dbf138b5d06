/**
 * All parts of a plan, a few at a time: bounded concurrency, retries of a part through the one retry
 * (main/core/net: backoff, full jitter, Retry-After) against the part's own failure clock and the
 * job's, link renewal when links expire, pause/resume/cancel, and a part announced only after the
 * caller has journaled it. Nothing retries around this: when a part gives up, the upload stops.
 */
import http from 'node:http';
import https from 'node:https';
import { CancelledError, InvalidInputError, LinkExpiredError, ScanBridgeError } from '../errors.js';
import { createFailureBudget, type FailureBudget } from '../net/budget.js';
import { isRetryable } from '../net/retry.js';
import { ConnectionCutError, retryDelay } from '../net/cut.js';
import { abortableSleep } from '../net/sleep.js';
import { BufferPool } from '../pack/buffer-pool.js';
import type { CrcStore } from '../pack/crc-store.js';
import { DEFAULT_CHUNK } from '../pack/source-read.js';

import type { ZipPlan } from '../pack/types.js';
import { UploadController } from './controller.js';
import { ProgressMeter, type UploadProgress } from './progress.js';
import { Slots } from './slots.js';
import { createThrottle } from './throttle.js';
import { uploadPart } from './upload-part.js';

export interface UploadPartsArgs {
  plan: ZipPlan;
  /** One upload link per part, in part order. */
  urls: string[];
  /** Parts already confirmed (from the journal): not sent again. */
  skip?: Set<number>;
  crcs: CrcStore;
  /** Part bodies on the wire at once (default 4); a part waiting for its reply no longer counts. */
  concurrency?: number;
  /** Retries per part after the first try (default 5). */
  retries?: number;
  /** How long one part may keep failing before the upload gives up (default 5 min). */
  partBudgetMs?: number;
  /** The job's failure clock (BackendContext.budget), shared with every other retry of the job. */
  budget?: FailureBudget | undefined;
  maxRateBytesPerSec?: number;
  signal?: AbortSignal;
  /** Journal the part here; it is counted as done only after this resolves. */
  /** `verified` is false when the server's reply had no Dropbox-form hash to check ours against. */
  onPartDone: (index: number, contentHash: string, verified: boolean) => Promise<void>;
  onProgress?: (p: UploadProgress) => void;
  /** Fresh links (e.g. via getProjectInfo); called when a link has expired, then the part is retried. */
  renewUrls?: () => Promise<string[]>;
  /** Told about each retry, for the job log. */
  onRetry?: (info: { index: number; attempt: number; error: ScanBridgeError; delayMs: number }) => void;
  controller?: UploadController;
  agent?: http.Agent;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** How long the server may take to reply once the whole part is out (default 120 s). */
  replyTimeoutMs?: number;
  /** Backoff: first delay cap and the largest delay (defaults 1 s and 30 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  chunkSize?: number;
  /** Reuse read buffers across chunks (default true; false for comparison in the benchmark). */
  reuseBuffers?: boolean;
  /** See UploadPartArgs.expectContinueMs. */
  expectContinueMs?: number;
}

export interface UploadPartsResult {
  partsSent: number;
  bytesSent: number;
}

/** Links may be renewed this many times in one run before an expiry is reported as an error. */
const MAX_RENEWALS = 3;

/** A part that keeps failing this long (with tries of up to ~2.5 min each) is given up on. */
export const PART_BUDGET_MS = 5 * 60_000;

export async function uploadParts(args: UploadPartsArgs): Promise<UploadPartsResult> {
  const { plan, crcs } = args;
  if (args.urls.length !== plan.parts.length) {
    throw new InvalidInputError(`Got ${args.urls.length} upload links for ${plan.parts.length} parts.`);
  }
  const concurrency = Math.max(1, Math.floor(args.concurrency ?? 4));
  const retries = Math.max(0, args.retries ?? 5);
  const baseMs = args.retryBaseMs ?? 1000;
  const maxMs = args.retryMaxMs ?? 30_000;
  const ctl = args.controller ?? new UploadController();
  const skip = args.skip ?? new Set<number>();
  const throttle = args.maxRateBytesPerSec ? createThrottle(args.maxRateBytesPerSec) : undefined;

  // One fatal error stops every other part; the caller's signal cancels everything.
  const fatal = new AbortController();
  const stopAll = args.signal ? AbortSignal.any([args.signal, fatal.signal]) : fatal.signal;
  const ownAgents: http.Agent[] = [];
  const agentFor = (url: string): http.Agent => {
    if (args.agent) return args.agent;
    const https_ = url.startsWith('https:');
    let a = ownAgents.find((x) => x instanceof https.Agent === https_);
    if (!a) {
      // No maxSockets: the slots bound the parts in flight, and a request queued inside the agent
      // stalls its body (see uploadPart).
      const opts = { keepAlive: true };
      a = https_ ? new https.Agent(opts) : new http.Agent(opts);
      ownAgents.push(a);
    }
    return a;
  };

  let urls = [...args.urls];
  let urlGen = 0;
  let renewals = 0;
  let renewing: Promise<void> | null = null;
  const renew = (seenGen: number, err: LinkExpiredError): Promise<void> => {
    if (seenGen < urlGen) return Promise.resolve(); // someone else renewed already: just retry
    if (!args.renewUrls || renewals >= MAX_RENEWALS) return Promise.reject(err);
    renewing ??= (async () => {
      renewals++;
      const fresh = await args.renewUrls!();
      if (fresh.length !== plan.parts.length)
        throw new InvalidInputError(`Renewed links: got ${fresh.length} for ${plan.parts.length} parts.`);
      urls = [...fresh];
      urlGen++;
    })().finally(() => {
      renewing = null;
    });
    return renewing;
  };

  const todo = plan.parts.map((p) => p.index).filter((i) => !skip.has(i));
  const skippedBytes = plan.parts.filter((p) => skip.has(p.index)).reduce((n, p) => n + p.end - p.start, 0);
  const meter = new ProgressMeter(
    { bytesTotal: plan.totalSize, partsTotal: plan.parts.length },
    { bytes: skippedBytes, parts: plan.parts.length - todo.length },
    (p) => args.onProgress?.(p),
  );
  let bytesSent = 0;
  const pool =
    args.reuseBuffers === false
      ? undefined
      : new BufferPool(args.chunkSize ?? DEFAULT_CHUNK, concurrency * 12);
  // Servers that ignore `Expect: 100-continue` would cost a wait per part: stop asking them.
  let expectContinueMs = args.expectContinueMs ?? 1000;
  const onContinue = (supported: boolean): void => {
    if (!supported) expectContinueMs = 0;
  };

  // A part is sent in a sending slot (see slots.ts) and confirmed (journaled) outside it, so neither
  // its reply nor the journal's write holds up the next part.
  const slots = new Slots(concurrency);
  // Parts sent and still waiting for their reply are bounded too: a server that takes bodies and never
  // answers would otherwise be sent the whole set before the first reply timeout, and then again.
  const awaiting = new Slots(concurrency * 2);
  const sendPart = async (
    index: number,
  ): Promise<{ contentHash: string; bytes: number; verified: boolean }> => {
    const partBudget = createFailureBudget(args.partBudgetMs ?? PART_BUDGET_MS);
    const budgets = args.budget ? [partBudget, args.budget] : [partBudget];
    let firstWasCut = false;
    // Not net/retry's loop: a pause and a link renewal restart a try without counting as a failure.
    for (let attempt = 0, retrying = false; ;) {
      await ctl.waitUntilRunning(stopAll);
      if (stopAll.aborted) throw new CancelledError();
      const done = await awaiting.acquire(retrying);
      const release = await slots.acquire(retrying);
      if (stopAll.aborted || ctl.isPaused) {
        release();
        done();
        continue;
      }
      const gen = urlGen;
      const pauseSignal = ctl.pauseSignal;
      let inFlight = 0;
      try {
        const result = await ctl.track(
          uploadPart({
            url: urls[index] as string,
            plan,
            index,
            crcs,
            agent: agentFor(urls[index] as string),
            connectTimeoutMs: args.connectTimeoutMs,
            idleTimeoutMs: args.idleTimeoutMs,
            replyTimeoutMs: args.replyTimeoutMs,
            signal: AbortSignal.any([stopAll, pauseSignal]),
            onBytes: (n) => {
              inFlight += n;
              meter.add(n);
            },
            throttle,
            chunkSize: args.chunkSize,
            pool,
            expectContinueMs,
            onContinue,
            onBodySent: release,
          }),
        );
        release(); // when the server replied before the whole body was out
        done();
        for (const b of budgets) b.succeeded();
        return result;
      } catch (err) {
        release(); // a part waiting to be retried leaves the link to the others
        done();
        meter.add(-inFlight); // those bytes were not confirmed
        if (stopAll.aborted) throw args.signal?.aborted ? new CancelledError() : err;
        retrying = true;
        if (pauseSignal.aborted) continue; // paused mid-part: not a failure, send it again on resume
        if (err instanceof LinkExpiredError) {
          await renew(gen, err);
          continue;
        }
        if (!isRetryable(err) || !(err instanceof ScanBridgeError)) throw err;
        for (const b of budgets) b.failed();
        if (attempt >= retries) throw err;
        if (attempt === 0) firstWasCut = err instanceof ConnectionCutError;
        const delayMs = retryDelay(attempt + 1, firstWasCut, { baseMs, maxMs }, err.retryAfterMs);
        if (budgets.some((b) => b.remainingMs() <= delayMs)) throw err;
        attempt++;
        args.onRetry?.({ index, attempt, error: err, delayMs });
        if (delayMs > 0) await abortableSleep(delayMs, stopAll).catch(() => undefined);
      }
    }
  };

  meter.start();
  try {
    // Every part runs to the end or the first fatal error; the first error wins, the rest are stopped.
    let firstError: unknown = null;
    await Promise.all(
      todo.map((i) =>
        sendPart(i)
          .then(async (result) => {
            await args.onPartDone(i, result.contentHash, result.verified);
            bytesSent += result.bytes;
            meter.partDone();
          })
          .catch((e: unknown) => {
            if (firstError === null) {
              firstError = e;
              fatal.abort();
            }
          }),
      ),
    );
    if (firstError !== null) throw firstError;
    if (args.signal?.aborted) throw new CancelledError();
    return { partsSent: todo.length, bytesSent };
  } finally {
    meter.stop();
    for (const a of ownAgents) a.destroy();
  }
}
