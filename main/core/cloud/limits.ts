/**
 * A set against a token's credit and limits, said with numbers a person can act on. One wording for
 * the whole app: the check itself lives in photos/limits (used before a project exists); the client
 * uses it to explain the cloud's reasonless 400 after the fact.
 */
import type { LimitExceededError } from '../errors.js';
import { checkAgainstLimits, limitError as reportError } from '../photos/limits.js';
import type { CreateProjectParams, TokenInfo } from './types.js';

/** The error for a set over the limits, or undefined when it is within them. */
export function limitError(info: TokenInfo, c: CreateProjectParams): LimitExceededError | undefined {
  const report = checkAgainstLimits({ photoCount: c.photos, bytes: c.filesize }, info);
  return report.ok ? undefined : reportError(report);
}
