/**
 * What every area of the service shares: the ports, the event fan-out, the log, the token service,
 * redaction and the two lookups every area needs (a job by id, the token for a request).
 */
import { NoTokenError, ScanBridgeError } from '../errors.js';
import type { Job } from '../jobs/types.js';
import type { ApiEventName, ApiEventPayload } from '../../contract/index.js';
import type { ServiceLog } from './log.js';
import type { ServiceDeps, TokenService } from './ports.js';
import type { PhotoStore } from './photo-store.js';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;

export interface ServiceContext {
  deps: ServiceDeps;
  emit: EventListener;
  log: ServiceLog;
  tokens: TokenService;
  redact(text: string): string;
  jobOrThrow(id: string): Job;
  /** The token for a cloud request, or the one NoTokenError. */
  tokenOrThrow(): Promise<string>;
  /** Photos of the reviewed sets, by review id (thumbnails, the check, dropped photos). */
  photos: PhotoStore;
}

export class JobNotFoundError extends ScanBridgeError<'NOT_FOUND'> {
  constructor(id: string) {
    super('NOT_FOUND', `There is no job "${id}" (it may have been removed).`, {
      hint: 'Reload the list.',
      detail: { detail: 'job', params: { id } },
    });
  }
}

export function contextHelpers(
  deps: ServiceDeps,
  tokens: TokenService,
): Pick<ServiceContext, 'jobOrThrow' | 'tokenOrThrow'> {
  return {
    jobOrThrow: (id) => {
      const job = deps.jobs.get(id);
      if (!job) throw new JobNotFoundError(id);
      return job;
    },
    tokenOrThrow: async () => {
      const t = await tokens.current();
      if (!t) throw new NoTokenError();
      return t;
    },
  };
}

export const ok = { ok: true } as const;
