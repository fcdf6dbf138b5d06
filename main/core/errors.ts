/**
 * Typed errors. Every error carries a message a person can act on (`message`) and, where useful,
 * a short `hint` saying what to do next. `code` is stable and machine-readable (CLI exit codes,
 * UI actions, IPC serialisation). Tokens never appear in any of them: see `redact`.
 */
import type { ErrorCode, SerializedError } from '../contract/types.js';

// The codes and the serialised shape are the contract's (main/contract/schemas.ts): one list for the
// UI, the journal, the CLI and every error class below.
export type { ErrorCode, SerializedError };
import { sanitize } from './sanitize.js';

export class ScanBridgeError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  /**
   * True when the same call may succeed if simply tried again later. Decided once, where the error
   * is made (see main/core/net); nothing changes it afterwards.
   */
  readonly retryable: boolean;
  /** How long the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, opts: ErrorOptions = {}) {
    // Messages quote servers (statuses, errors, names): made safe for any terminal at birth.
    super(sanitize(message, 100_000), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = opts.hint === undefined ? undefined : sanitize(opts.hint, 100_000);
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs;
  }

  /** Plain data for IPC, the bridge, the journal and `--json`. Never contains a stack or a token. */
  toJSON(): SerializedError {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
    };
  }
}

export interface ErrorOptions {
  hint?: string | undefined;
  retryable?: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class UnauthorizedError extends ScanBridgeError {
  constructor(message = 'The server refused our credentials (HTTP 401).', hint?: string) {
    super('UNAUTHORIZED', message, { hint });
  }
}
export class InvalidTokenError extends ScanBridgeError {
  constructor(
    message = 'This token is not known to the OpenScan Cloud.',
    hint = 'Check it for typos, or request a new token.',
  ) {
    super('INVALID_TOKEN', message, { hint });
  }
}
/** The one "no token" error of app, web mode and CLI (a token problem: CLI exit 3). */
export class NoTokenError extends InvalidTokenError {
  constructor() {
    super(
      'No OpenScan Cloud token is set.',
      'Add your token first (Token button, or: scanbridge token set), or use the public token.',
    );
  }
}
export class ProjectExistsError extends ScanBridgeError {
  constructor(name: string) {
    super('PROJECT_EXISTS', `A project named "${name}" already exists.`, {
      hint: 'Choose another project name.',
    });
  }
}
export class ProjectNotFoundError extends ScanBridgeError {
  constructor(name: string) {
    super('PROJECT_NOT_FOUND', `The cloud no longer knows the project "${name}".`, {
      hint: 'Its store may have been reset or the project expired. Retry the job to upload the photos again as a new project (this uses credit again).',
    });
  }
}
export class LimitExceededError extends ScanBridgeError {
  constructor(
    message: string,
    readonly details: {
      what: 'photos' | 'filesize' | 'credit' | 'images';
      limit: number;
      actual: number;
    }[] = [],
    hint?: string,
  ) {
    super(details.some((d) => d.what === 'credit') ? 'INSUFFICIENT_CREDIT' : 'LIMIT_EXCEEDED', message, {
      hint,
    });
  }
}
/** Transient unless said otherwise (e.g. a certificate problem does not fix itself in seconds). */
export class NetworkError extends ScanBridgeError {
  constructor(message: string, opts: ErrorOptions & { code?: 'NETWORK' | 'TIMEOUT' } = {}) {
    super(opts.code ?? 'NETWORK', message, { ...opts, retryable: opts.retryable ?? true });
  }
}
/** The server failed (5xx, 429, 408): transient, with the server's Retry-After when it sent one. */
export class ServerError extends ScanBridgeError {
  constructor(
    message: string,
    readonly status?: number,
    hint?: string,
    retryAfterMs?: number,
  ) {
    super('SERVER', message, { hint, retryable: true, retryAfterMs });
  }
}
/** A reply we cannot use. Permanent (schema, redirect) unless it looks cut or proxied (`retryable`). */
export class BadResponseError extends ScanBridgeError {
  constructor(message: string, hint?: string, opts: { retryable?: boolean } = {}) {
    super('BAD_RESPONSE', message, { hint, retryable: opts.retryable ?? false });
  }
}
/** The backend ran and reported that processing failed: permanent for this upload. */
export class ProcessingFailedError extends ScanBridgeError {
  constructor(message: string, hint?: string) {
    super('PROCESSING_FAILED', message, { hint });
  }
}
export class BadRequestError extends ScanBridgeError {
  constructor(message: string, hint?: string) {
    super('BAD_REQUEST', message, { hint });
  }
}
export class LinkExpiredError extends ScanBridgeError {
  constructor(message = 'The upload link has expired.') {
    super('LINK_EXPIRED', message, { retryable: true });
  }
}
export class HashMismatchError extends ScanBridgeError {
  constructor(message: string) {
    super('HASH_MISMATCH', message, { retryable: true });
  }
}
export class SourceChangedError extends ScanBridgeError {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super('SOURCE_CHANGED', `"${path}" changed since the job began (${what}).`, {
      hint: 'Put the original file back, or start a new upload with the current files.',
    });
  }
}
export class InvalidInputError extends ScanBridgeError {
  constructor(message: string, hint?: string) {
    super('INVALID_INPUT', message, { hint });
  }
}
export class CancelledError extends ScanBridgeError {
  constructor(message = 'Cancelled.') {
    super('CANCELLED', message);
  }
}
export class UnsafeArchiveError extends ScanBridgeError {
  constructor(message: string) {
    super('UNSAFE_ARCHIVE', message, { hint: 'The archive was not extracted. Check where it came from.' });
  }
}
export class DiskError extends ScanBridgeError {
  constructor(message: string, cause?: unknown) {
    super('DISK', message, { hint: 'Free some disk space or choose another folder, then retry.', cause });
  }
}
export class ToolError extends ScanBridgeError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super('TOOL', message, { hint, cause });
  }
}

/** Web mode was asked for what only the desktop app can do (open a file in a program, reveal it). */
export class DesktopOnlyError extends ScanBridgeError {
  constructor(what: string) {
    super('DESKTOP_ONLY', `${what} works only in the desktop app.`, {
      hint: 'Open the result folder yourself, or use the ScanBridge desktop app.',
    });
  }
}

export function isScanBridgeError(e: unknown): e is ScanBridgeError {
  return e instanceof ScanBridgeError;
}

/** Any thrown value as a serialisable error, for the journal, IPC and `--json`. */
export function toSerializedError(e: unknown): SerializedError {
  if (e instanceof ScanBridgeError) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { name: 'Error', code: 'INTERNAL', message, retryable: false };
}
