/** Exit codes scripts can rely on (documented in `scanbridge --help`). */
import type { ErrorCode } from '../core/errors.js';

export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  AUTH: 3,
  LIMITS: 4,
  NETWORK: 5,
  INPUT: 6,
  PROCESSING: 7,
  CANCELLED: 130,
} as const;

export const EXIT_HELP = `Exit codes:
  0    success
  1    failed (see the message)
  2    wrong usage
  3    token missing, unknown or refused
  4    the set is over a limit, or not enough credit
  5    network: the server could not be reached or kept failing (resume later: scanbridge resume)
  6    bad input: no photos, unreadable or changed files, unsafe archive
  7    the backend failed to process the set
  130  interrupted (the job is paused; scanbridge resume continues it)`;

export function exitCodeFor(code: ErrorCode | undefined): number {
  switch (code) {
    case undefined:
      return EXIT.FAILED;
    case 'UNAUTHORIZED':
    case 'INVALID_TOKEN':
      return EXIT.AUTH;
    case 'LIMIT_EXCEEDED':
    case 'INSUFFICIENT_CREDIT':
      return EXIT.LIMITS;
    case 'NETWORK':
    case 'TIMEOUT':
    case 'LINK_EXPIRED':
      return EXIT.NETWORK;
    case 'INVALID_INPUT':
    case 'SOURCE_CHANGED':
    case 'UNSAFE_ARCHIVE':
    case 'NOT_FOUND':
    case 'PROJECT_NOT_FOUND':
      return EXIT.INPUT;
    case 'SERVER':
    case 'TOOL':
      return EXIT.PROCESSING;
    case 'CANCELLED':
      return EXIT.CANCELLED;
    default:
      return EXIT.FAILED;
  }
}
