/** A set against a token's credit and limits, said with numbers a person can act on. */
import { LimitExceededError } from '../errors.js';
import type { CreateProjectParams, TokenInfo } from './types.js';

/** What exactly is over the token's limits, from its own numbers. */
export function limitProblems(info: TokenInfo, c: CreateProjectParams): LimitExceededError['details'] {
  const out: LimitExceededError['details'] = [];
  if (c.photos > info.limit_photos) out.push({ what: 'photos', limit: info.limit_photos, actual: c.photos });
  if (c.filesize > info.limit_filesize)
    out.push({ what: 'filesize', limit: info.limit_filesize, actual: c.filesize });
  if (c.filesize > info.credit) out.push({ what: 'credit', limit: info.credit, actual: c.filesize });
  return out;
}

export function describeLimits(details: LimitExceededError['details']): string {
  return details
    .map((d) =>
      d.what === 'photos'
        ? `${d.actual} photos, the token allows ${d.limit} (${d.actual - d.limit} too many)`
        : d.what === 'credit'
          ? `${d.actual} bytes, the remaining credit is ${d.limit} bytes (${d.actual - d.limit} short)`
          : `${d.actual} bytes, the token allows ${d.limit} per project (${d.actual - d.limit} over)`,
    )
    .join('; ');
}

/** The error for a set over the limits, or undefined when it is within them. */
export function limitError(info: TokenInfo, c: CreateProjectParams): LimitExceededError | undefined {
  const details = limitProblems(info, c);
  if (details.length === 0) return undefined;
  return new LimitExceededError(
    `This set is over the token's limits: ${describeLimits(details)}.`,
    details,
    details.some((d) => d.what === 'credit')
      ? 'Wait for the credit to renew, request a private token, or send fewer photos.'
      : 'Send fewer or smaller photos, or split the set into several projects.',
  );
}
