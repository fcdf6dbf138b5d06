/** Wrong usage found after parsing (an unknown config key, a value of the wrong type): exit 2. */
import type { CliText } from './cli-language.js';

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    /** English, for --json (scripts read the same message in every language). */
    message: string,
    readonly hint?: string,
    /** What a person reads, in the CLI's language (default: the English message and hint). */
    readonly said?: { message: string; hint?: string | undefined },
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Params = Record<string, unknown>;

/**
 * A UsageError from the catalogue: the English sentence for --json, the CLI's language on screen.
 * `hint` is a second catalogue key with its params.
 */
export function usageError(
  text: CliText,
  key: string,
  params?: Params,
  hint?: [string, Params?],
): UsageError {
  return new UsageError(text.en(key, params), hint ? text.en(hint[0], hint[1]) : undefined, {
    message: text.t(key, params),
    hint: hint ? text.t(hint[0], hint[1]) : undefined,
  });
}
