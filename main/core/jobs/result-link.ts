/**
 * The cloud's download link, kept in the job so it survives restarts and can be shown, copied and
 * opened. The cloud does not say how long a link lives; in practice a result stays about a week
 * after processing is done, so the expiry is counted from when the cloud first reported the link.
 */
import type { JobResult } from './types.js';

export const RESULT_LINK_LIFETIME_MS = 7 * 24 * 3600_000;

/**
 * The result with `url` recorded. The time is kept when the link is the one already known (a later
 * refresh must not make an old link look new); a different link is a fresh one and starts its week.
 */
export function withDownloadLink(result: JobResult | undefined, url: string, now: Date): JobResult {
  if (result?.downloadUrl === url && result.linkReportedAt) return result;
  const reported = now.getTime();
  return {
    ...result,
    downloadUrl: url,
    linkReportedAt: new Date(reported).toISOString(),
    linkExpiresAt: new Date(reported + RESULT_LINK_LIFETIME_MS).toISOString(),
  };
}

/** True when the recorded link is past its expected life (or its times are missing or unreadable). */
export function linkExpired(result: JobResult | undefined, now: Date): boolean {
  const t = result?.linkExpiresAt ? Date.parse(result.linkExpiresAt) : NaN;
  return !Number.isFinite(t) || t <= now.getTime();
}
