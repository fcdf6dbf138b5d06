/**
 * How a call's outcome crosses a transport. Errors never cross as thrown Error objects (Electron's
 * invoke mangles their message and drops fields): handlers reply with an envelope, and the caller
 * side rethrows `ApiCallError`, which carries the typed error's code and hint for the UI.
 */
import { z } from 'zod';
import { SerializedErrorSchema } from './schemas.js';
import type { SerializedError } from './types.js';

export const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: SerializedErrorSchema }),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** The error the renderer sees from any failed call. */
export class ApiCallError extends Error {
  readonly code: SerializedError['code'];
  readonly hint: string | undefined;
  readonly retryable: boolean;
  constructor(readonly serialized: SerializedError) {
    super(serialized.message);
    this.name = 'ApiCallError';
    this.code = serialized.code;
    this.hint = serialized.hint;
    this.retryable = serialized.retryable;
  }
}

/** Turns a zod failure into a message a person can act on (the first issue, with its field). */
export function invalidInput(method: string, error: z.ZodError): SerializedError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  return {
    name: 'InvalidInputError',
    code: 'INVALID_INPUT',
    message: `${issue?.message ?? 'Invalid input'}${where}`,
    hint: `The ${method} call was refused before anything was changed.`,
    retryable: false,
  };
}

/** Unwraps an envelope: the value, or throws ApiCallError. */
export function unwrapEnvelope(raw: unknown): unknown {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) {
    throw new ApiCallError({
      name: 'BadResponseError',
      code: 'BAD_RESPONSE',
      message: 'The app replied with something unexpected.',
      retryable: false,
    });
  }
  if (!env.data.ok) throw new ApiCallError(env.data.error);
  return env.data.value;
}
