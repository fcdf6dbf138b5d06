/**
 * The one table from an error code to what each front end does with it: the CLI's exit code and the
 * UI's message key (renderer i18n `errors.*`). `--help` prints it; a test checks every row.
 *
 * Exit codes: 2 usage, 3 token, 4 limits, 5 try later (transient: the job stays resumable),
 * 6 our input, 7 the server refused or failed (permanent: retrying the same thing will not help),
 * 130 interrupted, 1 anything else. A permanent failure is never 5.
 */
import type { ErrorCode } from './errors.js';

export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  AUTH: 3,
  LIMITS: 4,
  TRY_LATER: 5,
  INPUT: 6,
  SERVER_REFUSED: 7,
  CANCELLED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorRow {
  exit: ExitCode;
  /** Key in the renderer's catalogues (en.ts/de.ts), under `errors`. */
  uiKey: `errors.${string}`;
}

export const ERROR_TABLE: Readonly<Record<ErrorCode, ErrorRow>> = {
  UNAUTHORIZED: { exit: EXIT.AUTH, uiKey: 'errors.unauthorized' },
  INVALID_TOKEN: { exit: EXIT.AUTH, uiKey: 'errors.invalidToken' },
  LIMIT_EXCEEDED: { exit: EXIT.LIMITS, uiKey: 'errors.limitExceeded' },
  INSUFFICIENT_CREDIT: { exit: EXIT.LIMITS, uiKey: 'errors.insufficientCredit' },
  NETWORK: { exit: EXIT.TRY_LATER, uiKey: 'errors.network' },
  TIMEOUT: { exit: EXIT.TRY_LATER, uiKey: 'errors.timeout' },
  BUSY: { exit: EXIT.TRY_LATER, uiKey: 'errors.busy' },
  SERVER: { exit: EXIT.TRY_LATER, uiKey: 'errors.server' },
  LINK_EXPIRED: { exit: EXIT.TRY_LATER, uiKey: 'errors.linkExpired' },
  HASH_MISMATCH: { exit: EXIT.TRY_LATER, uiKey: 'errors.hashMismatch' },
  INVALID_INPUT: { exit: EXIT.INPUT, uiKey: 'errors.invalidInput' },
  SOURCE_CHANGED: { exit: EXIT.INPUT, uiKey: 'errors.sourceChanged' },
  DISK: { exit: EXIT.INPUT, uiKey: 'errors.disk' },
  DESKTOP_ONLY: { exit: EXIT.INPUT, uiKey: 'errors.desktopOnly' },
  PROJECT_EXISTS: { exit: EXIT.INPUT, uiKey: 'errors.projectExists' },
  PROJECT_NOT_FOUND: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.projectNotFound' },
  BAD_RESPONSE: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.badResponse' },
  BAD_REQUEST: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.badRequest' },
  NOT_FOUND: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.notFound' },
  UNSAFE_ARCHIVE: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.unsafeArchive' },
  PROCESSING_FAILED: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.processingFailed' },
  TOOL: { exit: EXIT.SERVER_REFUSED, uiKey: 'errors.tool' },
  CANCELLED: { exit: EXIT.CANCELLED, uiKey: 'errors.cancelled' },
  INTERNAL: { exit: EXIT.FAILED, uiKey: 'errors.internal' },
};

export function exitCodeFor(code: ErrorCode | undefined): ExitCode {
  return code === undefined ? EXIT.FAILED : ERROR_TABLE[code].exit;
}

const EXIT_MEANING: Record<ExitCode, string> = {
  0: 'success',
  1: 'failed (see the message)',
  2: 'wrong usage',
  3: 'token missing, unknown or refused',
  4: 'the set is over a limit, or not enough credit',
  5: 'try later: the server could not be reached or kept failing; the job is kept (scanbridge resume)',
  6: 'our input: no photos, unreadable or changed files, a full disk',
  7: 'the server refused or failed: a refusal, an answer we cannot use, a failed processing run',
  130: 'interrupted (the job is paused; scanbridge resume continues it)',
};

/**
 * The table as `--help` shows it: each exit code, what it means, and the error codes that lead to it.
 * `meaning`/`title`: the words in the CLI's language (its catalogue); English by default.
 */
export function exitCodeHelp(
  meaning: (exit: ExitCode) => string = (exit) => EXIT_MEANING[exit],
  title = 'Exit codes:',
): string {
  const lines = [title];
  for (const exit of Object.values(EXIT)) {
    const codes = (Object.keys(ERROR_TABLE) as ErrorCode[]).filter((c) => ERROR_TABLE[c].exit === exit);
    lines.push(`  ${String(exit).padEnd(4)} ${meaning(exit)}${codes.length ? ` [${codes.join(', ')}]` : ''}`);
  }
  return lines.join('\n');
}
