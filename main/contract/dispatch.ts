/**
 * Transport-neutral glue. `dispatch` is the receiving side (main for IPC, the bridge for HTTP):
 * validate arguments, call the handler, validate the result, reply with an envelope.
 * `createClient` is the calling side (preload, web client): a ScanBridgeApi over any
 * "send a call, get an envelope" function and any event subscription.
 */
import { API_EVENTS, API_METHODS, isApiEventName, isApiMethodName } from './api.js';
import type { ApiEventName, ApiEventPayload, ScanBridgeApi, ScanBridgeHandlers } from './api.js';
import { ApiCallError, invalidInput, unwrapEnvelope } from './envelope.js';
import type { Envelope } from './envelope.js';
import { SerializedErrorSchema } from './schemas.js';
import type { SerializedError } from './types.js';

/** Any thrown value as a SerializedError; ScanBridgeError (main/core/errors) has toJSON(). */
export function serializeThrown(e: unknown): SerializedError {
  if (e instanceof ApiCallError) return e.serialized;
  const maybe = (e as { toJSON?: () => unknown } | null)?.toJSON;
  if (typeof maybe === 'function') {
    const parsed = SerializedErrorSchema.safeParse(maybe.call(e));
    if (parsed.success) return parsed.data;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { name: 'Error', code: 'INTERNAL', message: message || 'Unexpected error.', retryable: false };
}

/** An error's string params (a server's words, names) through the same redaction as its message. */
export function redactParams(
  params: NonNullable<SerializedError['params']>,
  redact: (text: string) => string,
): NonNullable<SerializedError['params']> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]),
  );
}

/** An error with every known token removed from its words (message, hint, params). */
export function redactError(err: SerializedError, redact: (text: string) => string): SerializedError {
  return {
    ...err,
    message: redact(err.message),
    ...(err.hint !== undefined ? { hint: redact(err.hint) } : {}),
    ...(err.params ? { params: redactParams(err.params, redact) } : {}),
  };
}

export async function dispatch(
  handlers: ScanBridgeHandlers,
  method: string,
  rawArgs: unknown,
  opts: { redact?: (text: string) => string } = {},
): Promise<Envelope> {
  const clean = (err: SerializedError): SerializedError =>
    opts.redact ? redactError(err, opts.redact) : err;
  if (!isApiMethodName(method)) {
    return {
      ok: false,
      error: {
        name: 'Error',
        code: 'NOT_FOUND',
        message: `Unknown API method "${method}".`,
        retryable: false,
      },
    };
  }
  const spec = API_METHODS[method];
  const args = spec.args.safeParse(rawArgs ?? []);
  if (!args.success) return { ok: false, error: invalidInput(method, args.error) };
  try {
    const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn(...(args.data as unknown[]));
    const checked = spec.result.safeParse(value);
    if (!checked.success) {
      return {
        ok: false,
        error: clean({
          name: 'Error',
          code: 'INTERNAL',
          message: `The ${method} reply did not match the contract: ${checked.error.issues[0]?.message ?? ''}`,
          retryable: false,
        }),
      };
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    return { ok: false, error: clean(serializeThrown(e)) };
  }
}

/** Validates an incoming event; undefined when it is unknown or malformed (dropped, never thrown). */
export function parseEvent(
  name: string,
  payload: unknown,
): { name: ApiEventName; payload: ApiEventPayload<ApiEventName> } | undefined {
  if (!isApiEventName(name)) return undefined;
  const parsed = API_EVENTS[name].safeParse(payload);
  return parsed.success ? { name, payload: parsed.data as ApiEventPayload<ApiEventName> } : undefined;
}

export interface ClientTransport {
  /** Sends one call; resolves to the raw envelope. Rejects only when the transport itself fails. */
  call(method: string, args: unknown[]): Promise<unknown>;
  /** Subscribes to one validated event stream; returns the unsubscribe function. */
  subscribe(event: ApiEventName, listener: (payload: unknown) => void): () => void;
  /**
   * Binary side door for readResultFile where the transport cannot carry bytes in its envelope
   * (web mode: a streamed GET). Rejects with ApiCallError. When absent, `call` is used (IPC).
   */
  readResultFile?(jobId: string, relPath: string): Promise<ArrayBuffer>;
}

export function createClient(transport: ClientTransport): ScanBridgeApi {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(API_METHODS)) {
    api[method] = async (...args: unknown[]) => unwrapEnvelope(await transport.call(method, args));
  }
  const readFile = transport.readResultFile?.bind(transport);
  if (readFile) api.readResultFile = (jobId: string, relPath: string) => readFile(jobId, relPath);
  api.on = (event: ApiEventName, listener: (payload: unknown) => void) =>
    transport.subscribe(event, (payload) => {
      const parsed = parseEvent(event, payload);
      if (parsed) listener(parsed.payload);
    });
  return api as unknown as ScanBridgeApi;
}
