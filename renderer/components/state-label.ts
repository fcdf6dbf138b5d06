/**
 * A job's state as a person reads it. The job steps are the same for every backend, so a local
 * reconstruction passes through "creating" and "uploading" while it prepares its workspace and copies
 * the photos into it (seconds to minutes for a big set): "Creating project" / "Uploading" would say it
 * sends something somewhere. For a local job those read "Preparing".
 */
import type { TFunction } from 'i18next';
import type { Job } from '../../main/contract/index.js';

export function stateLabelKey(job: Pick<Job, 'state' | 'backend'>): string {
  if (job.backend === 'local' && (job.state === 'creating' || job.state === 'uploading'))
    return 'states.preparing';
  return `state.${job.state}`;
}

export function stateLabel(job: Pick<Job, 'state' | 'backend'>, t: TFunction): string {
  return t(stateLabelKey(job));
}
