/**
 * A connection that was up and then broke: reset by the path, closed before the reply, a reply cut
 * short. On a flaky uplink that is one lost connection, not a sick server, so the first retry goes at
 * once on a fresh connection; backing off would only leave the link idle (see retryDelay). A refused
 * connection, a name that does not resolve or a stall is not a cut: those back off from the start.
 */
import { NetworkError } from '../errors.js';
import { backoffDelay, type Backoff } from './backoff.js';

export class ConnectionCutError extends NetworkError {}

const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Whether a socket error (errno code) means an established connection was cut. */
export function isCutCode(code: string | undefined): boolean {
  return code !== undefined && CUT_CODES.has(code);
}

/**
 * The wait before the next try after `failures` failures in a row (1 = the first). When the first of
 * them was a cut it is retried at once, and backoff starts from the second failure as if it were the
 * first. A server's Retry-After applies as always (backoffDelay).
 */
export function retryDelay(
  failures: number,
  firstWasCut: boolean,
  b: Backoff,
  retryAfterMs?: number,
): number {
  if (failures === 1 && firstWasCut && retryAfterMs === undefined) return 0;
  return backoffDelay(Math.max(0, failures - 1 - (firstWasCut ? 1 : 0)), b, retryAfterMs);
}
