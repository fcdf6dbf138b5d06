/**
 * Typed errors. Every error carries a message a person can act on (`message`) and, where useful,
 * a short `hint` saying what to do next. `code` is stable and machine-readable (CLI exit codes,
 * UI actions, IPC serialisation). Tokens never appear in any of them: see `redact`.
 */
import type { ErrorCode, SerializedError } from '../contract/types.js';
import type { ErrorDetailOf, ErrorParamValue } from '../contract/error-details.js';
import { ERROR_PARAM_MAX_STRING, SerializedErrorSchema } from '../contract/schemas.js';
import path from 'node:path';
import { DISK_ERRNOS, diskDetail } from './disk-detail.js';
import { redactUrl } from './redact.js';

// The codes and the serialised shape are the contract's (main/contract/schemas.ts): one list for the
// UI, the journal, the CLI and every error class below.
export type { ErrorCode, SerializedError };
import { sanitize } from './sanitize.js';

export class ScanBridgeError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  /**
   * Which situation of `code` and its specifics (main/contract/error-details.ts): what the UI and the
   * CLI say, in the person's language. `message` is the English sentence for logs.
   */
  readonly detail: ErrorDetailOf<C> | undefined;
  readonly hint: string | undefined;
  /**
   * True when the same call may succeed if simply tried again later. Decided once, where the error
   * is made (see main/core/net); nothing changes it afterwards.
   */
  readonly retryable: boolean;
  /** How long the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(code: C, message: string, opts: ErrorOptions<C> = {}) {
    // Messages quote servers (statuses, errors, names): made safe for any terminal at birth.
    super(sanitize(message, 100_000), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = opts.hint === undefined ? undefined : sanitize(opts.hint, 100_000);
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs;
    this.detail = opts.detail;
  }

  /**
   * Passes the detail's string params (a server's words, a host) through `redact`, in place: for the
   * modules that know a token and scrub the message and hint with it (cloud/client, nodeodm).
   */
  redactDetail(redact: (text: string) => string): void {
    if (!this.detail) return;
    const params = Object.fromEntries(
      Object.entries(this.detail.params).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]),
    );
    (this as { detail: unknown }).detail = { ...this.detail, params };
  }

  /** Plain data for IPC, the bridge, the journal and `--json`. Never contains a stack or a token. */
  toJSON(): SerializedError {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
      ...(this.detail ? { detail: this.detail.detail, params: safeParams(this.detail.params) } : {}),
    };
  }
}

/**
 * Params leave the core as data a person may see: server words made printable (the one sanitiser),
 * signed-URL secrets cut (redactUrl; the service redacts known tokens on top), within the contract's
 * bounds, and never a non-finite number.
 */
function safeParams(params: Record<string, ErrorParamValue>): Record<string, ErrorParamValue> {
  const out: Record<string, ErrorParamValue> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string') out[k] = sanitize(redactUrl(v), ERROR_PARAM_MAX_STRING);
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : -1;
    else out[k] = v;
  }
  return out;
}

export interface ErrorOptions<C extends ErrorCode = ErrorCode> {
  detail?: ErrorDetailOf<C> | undefined;
  hint?: string | undefined;
  retryable?: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class UnauthorizedError extends ScanBridgeError<'UNAUTHORIZED'> {
  constructor(
    message = 'The server refused our credentials (HTTP 401).',
    hint?: string,
    detail?: ErrorDetailOf<'UNAUTHORIZED'>,
  ) {
    super('UNAUTHORIZED', message, { hint, detail });
  }
}
export class InvalidTokenError extends ScanBridgeError<'INVALID_TOKEN'> {
  constructor(
    message = 'This token is not known to the OpenScan Cloud.',
    hint = 'Check it for typos, or request a new token.',
    detail?: ErrorDetailOf<'INVALID_TOKEN'>,
  ) {
    super('INVALID_TOKEN', message, { hint, detail });
  }
}
/** The one "no token" error of app, web mode and CLI (a token problem: CLI exit 3). */
export class NoTokenError extends InvalidTokenError {
  constructor() {
    super(
      'No OpenScan Cloud token is set.',
      'Add your token first (Token button, or: scanbridge token set), or use the public token.',
      { detail: 'none', params: {} },
    );
  }
}
export class ProjectExistsError extends ScanBridgeError<'PROJECT_EXISTS'> {
  constructor(name: string) {
    super('PROJECT_EXISTS', `A project named "${name}" already exists.`, {
      hint: 'Choose another project name.',
      detail: { detail: 'name', params: { name } },
    });
  }
}
export class ProjectNotFoundError extends ScanBridgeError<'PROJECT_NOT_FOUND'> {
  constructor(name: string) {
    super('PROJECT_NOT_FOUND', `The cloud no longer knows the project "${name}".`, {
      detail: { detail: 'name', params: { name } },
      hint: 'Its store may have been reset or the project expired. Retry the job to upload the photos again as a new project (this uses credit again).',
    });
  }
}
export interface LimitDetail {
  what: 'photos' | 'filesize' | 'credit' | 'images';
  /** Negative: the server refused without saying its limit. */
  limit: number;
  /** Negative: unknown. */
  actual: number;
}
export class LimitExceededError extends ScanBridgeError<'LIMIT_EXCEEDED' | 'INSUFFICIENT_CREDIT'> {
  constructor(
    message: string,
    readonly details: LimitDetail[] = [],
    hint?: string,
    detail?: ErrorDetailOf<'LIMIT_EXCEEDED'>,
  ) {
    const credit = details.find((d) => d.what === 'credit');
    super(credit ? 'INSUFFICIENT_CREDIT' : 'LIMIT_EXCEEDED', message, {
      hint,
      detail: credit ? creditDetail(credit) : (detail ?? limitDetail(details[0])),
    });
  }
}
/** What a person reads first: the first limit over (the job manager lists photos before size). */
function limitDetail(d: LimitDetail | undefined): ErrorDetailOf<'LIMIT_EXCEEDED'> | undefined {
  if (!d || d.actual < 0) return undefined;
  const known = d.limit >= 0;
  if (d.what === 'photos')
    return known
      ? { detail: 'photos', params: { count: d.actual, limit: d.limit } }
      : { detail: 'photosRefused', params: { count: d.actual } };
  if (d.what === 'images')
    return known ? { detail: 'images', params: { count: d.actual, limit: d.limit } } : undefined;
  if (d.what === 'filesize')
    return known
      ? { detail: 'filesize', params: { size: d.actual, limit: d.limit } }
      : { detail: 'filesizeRefused', params: { size: d.actual } };
  return undefined;
}
function creditDetail(d: LimitDetail): ErrorDetailOf<'INSUFFICIENT_CREDIT'> | undefined {
  if (d.actual < 0) return undefined;
  return d.limit >= 0
    ? { detail: 'credit', params: { size: d.actual, left: d.limit } }
    : { detail: 'refused', params: { size: d.actual } };
}
/** Transient unless said otherwise (e.g. a certificate problem does not fix itself in seconds). */
export class NetworkError extends ScanBridgeError<'NETWORK' | 'TIMEOUT'> {
  constructor(
    message: string,
    opts: ErrorOptions<'NETWORK' | 'TIMEOUT'> & { code?: 'NETWORK' | 'TIMEOUT' } = {},
  ) {
    super(opts.code ?? 'NETWORK', message, { ...opts, retryable: opts.retryable ?? true });
  }
}
/** The server failed (5xx, 429, 408): transient, with the server's Retry-After when it sent one. */
export class ServerError extends ScanBridgeError<'SERVER'> {
  constructor(
    message: string,
    readonly status?: number,
    hint?: string,
    retryAfterMs?: number,
  ) {
    super('SERVER', message, {
      hint,
      retryable: true,
      retryAfterMs,
      detail:
        status === 429
          ? { detail: 'busy', params: {} }
          : status === undefined
            ? undefined
            : { detail: 'status', params: { status } },
    });
  }
}
/** A reply we cannot use. Permanent (schema, redirect) unless it looks cut or proxied (`retryable`). */
export class BadResponseError extends ScanBridgeError<'BAD_RESPONSE'> {
  constructor(
    message: string,
    hint?: string,
    opts: { retryable?: boolean; detail?: ErrorDetailOf<'BAD_RESPONSE'> } = {},
  ) {
    super('BAD_RESPONSE', message, { hint, retryable: opts.retryable ?? false, detail: opts.detail });
  }
}
/** The backend ran and reported that processing failed: permanent for this upload. */
export class ProcessingFailedError extends ScanBridgeError<'PROCESSING_FAILED'> {
  constructor(message: string, hint?: string, detail?: ErrorDetailOf<'PROCESSING_FAILED'>) {
    super('PROCESSING_FAILED', message, { hint, detail });
  }
}
export class BadRequestError extends ScanBridgeError<'BAD_REQUEST'> {
  constructor(message: string, hint?: string, detail?: ErrorDetailOf<'BAD_REQUEST'>) {
    super('BAD_REQUEST', message, { hint, detail });
  }
}
export class LinkExpiredError extends ScanBridgeError<'LINK_EXPIRED'> {
  constructor(message = 'The upload link has expired.', detail?: ErrorDetailOf<'LINK_EXPIRED'>) {
    super('LINK_EXPIRED', message, { retryable: true, detail });
  }
}
export class HashMismatchError extends ScanBridgeError<'HASH_MISMATCH'> {
  constructor(message: string, detail?: ErrorDetailOf<'HASH_MISMATCH'>) {
    super('HASH_MISMATCH', message, { retryable: true, detail });
  }
}
export class SourceChangedError extends ScanBridgeError<'SOURCE_CHANGED'> {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super('SOURCE_CHANGED', `"${path}" changed since the job began (${what}).`, {
      detail: { detail: 'file', params: { file: path } },
      hint: 'Put the original file back, or start a new upload with the current files.',
    });
  }
}
export class InvalidInputError extends ScanBridgeError<'INVALID_INPUT'> {
  constructor(message: string, hint?: string, detail?: ErrorDetailOf<'INVALID_INPUT'>) {
    super('INVALID_INPUT', message, { hint, detail });
  }
}
export class CancelledError extends ScanBridgeError<'CANCELLED'> {
  constructor(message = 'Cancelled.') {
    super('CANCELLED', message);
  }
}
export class UnsafeArchiveError extends ScanBridgeError<'UNSAFE_ARCHIVE'> {
  constructor(message: string, detail?: ErrorDetailOf<'UNSAFE_ARCHIVE'>) {
    super('UNSAFE_ARCHIVE', message, {
      hint: 'The archive was not extracted. Check where it came from.',
      detail,
    });
  }
}
/** Which detail a disk failure gets from its errno: see disk-error.ts, which builds these. */
export class DiskError extends ScanBridgeError<'DISK'> {
  constructor(message: string, cause?: unknown, detail?: ErrorDetailOf<'DISK'>) {
    super('DISK', message, {
      hint: 'Free some disk space or choose another folder, then retry.',
      cause,
      detail,
    });
  }
}
export class ToolError extends ScanBridgeError<'TOOL'> {
  constructor(message: string, hint?: string, cause?: unknown, detail?: ErrorDetailOf<'TOOL'>) {
    super('TOOL', message, { hint, cause, detail });
  }
}

/** Web mode was asked for what only the desktop app can do (open a file in a program, reveal it). */
export class DesktopOnlyError extends ScanBridgeError<'DESKTOP_ONLY'> {
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
  // Already serialised (a journal's, a job's error passed on): kept as it is, not "[object Object]".
  if (!(e instanceof Error)) {
    const already = SerializedErrorSchema.safeParse(e);
    if (already.success) return already.data as SerializedError;
  }
  // An fs error that reached us untyped is still the disk's or the folder's doing: say which folder
  // and why (DISK), not "something went wrong in ScanBridge".
  const fsError = e as NodeJS.ErrnoException | undefined;
  if (fsError instanceof Error && typeof fsError.path === 'string' && DISK_ERRNOS.has(fsError.code ?? '')) {
    return new DiskError(fsError.message, e, diskDetail(e, { folder: path.dirname(fsError.path) })).toJSON();
  }
  const message = e instanceof Error ? e.message : String(e);
  return { name: 'Error', code: 'INTERNAL', message, retryable: false };
}
