/**
 * The cloud's project status is free text (seen in the wild: `created`, `initialized`, `started`,
 * `processing started`, `processing done`, `processing failed`, `expired`, and `{}` for an expired or
 * removed project). It is classified once here into a key the UI and CLI translate (never shown raw),
 * and from that into the job manager's phases.
 */
import { sanitize } from '../sanitize.js';
import type { BackendStatus } from './backend.js';

/** What a cloud status means, as a catalogue key (`cloudStatus.<key>`). */
export type CloudStatusKey =
  'created' | 'queued' | 'processing' | 'waitingForLink' | 'done' | 'failed' | 'gone' | 'unknown';

export function cloudStatusKey(info: { status: string; dlink?: string | undefined }): CloudStatusKey {
  const s = info.status.trim().toLowerCase();
  if (info.dlink) return 'done';
  if (/\bdone\b|finished|complete/.test(s)) return 'waitingForLink';
  if (/fail|error|abort/.test(s)) return 'failed';
  if (s === '' || /expired|removed|deleted/.test(s)) return 'gone';
  if (s === 'created') return 'created';
  if (s === 'initialized' || s === 'started' || /queue|wait/.test(s)) return 'queued';
  if (/process|running|reconstruct|mesh|textur/.test(s)) return 'processing';
  return 'unknown';
}

export function normalizeCloudStatus(info: {
  status: string;
  dlink?: string | undefined;
  error?: string | undefined;
}): BackendStatus {
  const raw = sanitize(info.status, 200);
  switch (cloudStatusKey(info)) {
    case 'done':
      return { phase: 'done', raw, resultReady: true, progress: 1, downloadUrl: info.dlink as string };
    case 'waitingForLink':
      return {
        phase: 'processing',
        raw,
        resultReady: false,
        message: 'Finished; waiting for the download link.',
      };
    case 'failed':
      return {
        phase: 'failed',
        raw,
        resultReady: false,
        message: `The cloud reports: ${raw}.`,
        // Its reason when it gives one, else its status: never our English sentence above.
        said: info.error?.trim() ? sanitize(info.error, 300) : raw,
      };
    case 'gone':
      return {
        phase: 'failed',
        raw,
        resultReady: false,
        message: 'The cloud no longer knows this project (it expired or was removed).',
      };
    case 'created':
      return { phase: 'created', raw, resultReady: false };
    case 'queued':
      return { phase: 'queued', raw, resultReady: false };
    case 'processing':
      return { phase: 'processing', raw, resultReady: false };
    default:
      return { phase: 'unknown', raw, resultReady: false };
  }
}
