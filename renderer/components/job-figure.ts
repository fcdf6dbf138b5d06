/**
 * Which figure a queue row may show for a job: its current phase's fraction only when something was
 * measured. The upload counts bytes; a local run and a NodeODM node report how far processing got;
 * the cloud says nothing while it processes (the fraction there is a leftover, shown as "0 %" beside a
 * job whose photos are all sent); a failed or cancelled job has no "how far" at all. The CLI's
 * `jobProgressView` follows the same rule.
 */
import type { Job } from '../../main/contract/index.js';

export type JobFigure =
  /** A measured fraction, 0..1. */
  | { kind: 'fraction'; fraction: number }
  /** Working, but nothing measured: an indeterminate bar, no percent. */
  | { kind: 'working' }
  /** Stopped: no bar, no percent. */
  | { kind: 'none' };

const clamp = (f: number) => Math.min(1, Math.max(0, f));

export function jobFigure(job: Pick<Job, 'state' | 'backend' | 'progress'>): JobFigure {
  const f = Number.isFinite(job.progress.fraction) ? clamp(job.progress.fraction) : undefined;
  switch (job.state) {
    case 'uploading':
    case 'downloading':
      return f === undefined ? { kind: 'working' } : { kind: 'fraction', fraction: f };
    case 'paused':
      // Paused during the upload: its parts and bytes stand; paused elsewhere: nothing measured.
      return job.progress.partsTotal > 0 && f !== undefined
        ? { kind: 'fraction', fraction: f }
        : { kind: 'none' };
    case 'processing':
      return job.backend !== 'cloud' && f !== undefined && f > 0 && f < 1
        ? { kind: 'fraction', fraction: f }
        : { kind: 'working' };
    case 'done':
      return { kind: 'fraction', fraction: 1 };
    case 'failed':
    case 'cancelled':
      return { kind: 'none' };
    default:
      // queued, scanning, creating, starting: under way, nothing to count yet.
      return { kind: 'working' };
  }
}
