/** A job as the contract defines it, for the main/app tests. */
import type { Job } from '../contract/index.js';

export function makeJob(id: string, state: Job['state'], extra: Partial<Job> = {}): Job {
  return {
    id,
    backend: 'cloud',
    profile: '',
    projectName: `scan-${id}`,
    source: { paths: [`/photos/${id}`], photoCount: 3, totalBytes: 100 },
    state,
    progress: { fraction: 0, bytesDone: 0, bytesTotal: 100, rate: 0, partsDone: 0, partsTotal: 1 },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}
