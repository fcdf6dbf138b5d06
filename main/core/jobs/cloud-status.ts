/**
 * The cloud's project status is free text (seen in the wild: `created`, `initialized`, `started`,
 * `processing started`, `processing done`, `processing failed`, `expired`, and `{}` for an expired or
 * removed project). This maps it, plus the presence of a download link, to the UI's phases.
 */
import type { BackendStatus } from './backend.js';

export function normalizeCloudStatus(info: { status: string; dlink?: string | undefined }): BackendStatus {
  const raw = info.status.trim();
  const s = raw.toLowerCase();
  const resultReady = Boolean(info.dlink);
  if (resultReady || /\bdone\b|finished|complete/.test(s)) {
    return resultReady
      ? { phase: 'done', raw, resultReady: true, progress: 1 }
      : { phase: 'processing', raw, resultReady: false, message: 'Finished; waiting for the download link.' };
  }
  if (/fail|error|abort/.test(s))
    return { phase: 'failed', raw, resultReady: false, message: `The cloud reports: ${raw}.` };
  if (s === '' || /expired|removed|deleted/.test(s)) {
    return {
      phase: 'failed',
      raw,
      resultReady: false,
      message: 'The cloud no longer knows this project (it expired or was removed).',
    };
  }
  if (s === 'created') return { phase: 'created', raw, resultReady: false };
  if (s === 'initialized' || s === 'started' || /queue|wait/.test(s))
    return { phase: 'queued', raw, resultReady: false };
  if (/process|running|reconstruct|mesh|textur/.test(s))
    return { phase: 'processing', raw, resultReady: false };
  return { phase: 'unknown', raw, resultReady: false };
}
