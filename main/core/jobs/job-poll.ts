/**
 * Waiting for a backend to finish processing: polls with a growing interval, journals what changed
 * (raw status, when processing began, a download link), and keeps polling through transient
 * failures for as long as the job's failure clock allows.
 */
import { ProcessingFailedError } from '../errors.js';
import { createFailureBudget } from '../net/budget.js';
import { isRetryable } from '../net/retry.js';
import { abortableSleep } from '../net/sleep.js';
import { sanitize } from '../sanitize.js';
import type { BackendContext, BackendStatus, ProcessingBackend } from './backend.js';
import type { JobTools } from './job-context.js';
import type { JournalRecord } from './journal.js';
import { withDownloadLink } from './result-link.js';
import { cloudStatusKey } from './cloud-status.js';
import type { LogLine } from '../log-line.js';
import type { BackendKind } from './types.js';

/**
 * The log's line for a new status: the cloud's is said as the app says it (its status key, e.g.
 * "The cloud is processing the set.") with its own words beside it; another backend's words as they came.
 */
function statusLine(backend: BackendKind, status: BackendStatus): LogLine {
  if (backend === 'cloud' && status.raw)
    return {
      code: 'cloudStatus',
      params: { status: cloudStatusKey({ status: status.raw, dlink: status.downloadUrl }), said: status.raw },
    };
  return status.raw ? { code: 'status', params: { status: status.raw } } : { code: 'statusNone', params: {} };
}

export interface PollTiming {
  firstMs: number;
  maxMs: number;
  factor: number;
}

/** The catalogue step (`step.<key>`) for a server-side job's status. */
export function remoteStep(status: Pick<BackendStatus, 'phase'>): 'serverQueued' | 'serverProcessing' {
  return status.phase === 'queued' || status.phase === 'created' ? 'serverQueued' : 'serverProcessing';
}

export async function pollUntilDone(
  rec: JournalRecord,
  backend: ProcessingBackend,
  ctx: BackendContext,
  t: JobTools & { poll: PollTiming },
): Promise<BackendStatus> {
  const { poll: pollCfg, now } = t;
  const log = t.log;
  let delay = pollCfg.firstMs;
  let failures = 0;
  const budget = ctx.budget ?? createFailureBudget(t.failureBudgetMs);
  for (;;) {
    let status: BackendStatus | undefined;
    try {
      status = await backend.poll(rec.handle, ctx);
      budget.succeeded();
      failures = 0;
    } catch (e) {
      if (ctx.signal.aborted || !isRetryable(e)) throw e;
      // The call already retried against the job's clock; polling on is the same clock's business.
      budget.failed();
      if (budget.remainingMs() <= delay) throw e;
      failures++;
      if (failures === 1 || failures % 10 === 0)
        log(rec.job.id, 'warn', { code: 'statusCheckFailed', params: {}, error: e });
    }
    if (status) {
      if (backend.logs) {
        for (const line of await backend.logs(rec.handle, ctx).catch(() => [])) log(rec.job.id, 'info', line);
      }
      if (status.raw !== rec.job.rawStatus) {
        // The backend's own status words are data: quoted as they came, not ours to translate.
        log(rec.job.id, 'info', statusLine(rec.job.backend, status));
        await t.commit(rec, { rawStatus: sanitize(status.raw, 200) });
      }
      if (status.phase === 'processing' && rec.job.result?.summary?.processingStartedAt === undefined) {
        // From the first poll that says "processing" (the cloud's queue time is its own part).
        const summary = { ...rec.job.result?.summary, processingStartedAt: now().toISOString() };
        await t.commit(rec, { result: { ...rec.job.result, summary } });
      }
      if (status.downloadUrl && status.downloadUrl !== rec.job.result?.downloadUrl) {
        await t.commit(rec, { result: withDownloadLink(rec.job.result, status.downloadUrl, now()) });
      }
      if (status.phase === 'done' || status.resultReady) return status;
      if (status.phase === 'failed' && status.error) throw status.error;
      if (status.phase === 'failed' || status.phase === 'cancelled') {
        throw new ProcessingFailedError(
          status.message ?? `Processing ${status.phase} (${status.raw}).`,
          'Check the photos (sharp, overlapping, enough of them) and try again, or send the set to another backend.',
          // The server's own words, quoted in the person's language; our English message stays in the log.
          status.said ? { detail: 'said', params: { said: status.said } } : undefined,
        );
      }
      t.progress.of(rec)({
        stage: sanitize(status.raw, 200),
        fraction: status.progress ?? rec.job.progress.fraction,
        // A server's job says where it is (its queue or processing) in the person's language; a local
        // run names its own COLMAP stages.
        ...(rec.job.backend !== 'local' ? { step: remoteStep(status) } : {}),
      });
    }
    await abortableSleep(delay, ctx.signal);
    delay = Math.min(pollCfg.maxMs, delay * pollCfg.factor);
  }
}
