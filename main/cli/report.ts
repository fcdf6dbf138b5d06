/** Errors as a person reads them (own line, printable, no token) and as the exit code says. */
import { isScanBridgeError, toSerializedError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { printable } from './format.js';
import { stderrTerminal } from './terminal.js';

/**
 * `localized`: the catalogue's sentence for the code in the person's language (German, see
 * cli-language.ts); it replaces the core's English sentence and hint on screen (one language at a
 * time), while --json keeps the full English record for scripts.
 */
export function reportError(
  e: unknown,
  o: { json?: boolean },
  secrets: (string | undefined)[],
  localized?: { prefix: string; title: string },
): number {
  const err = toSerializedError(e);
  const message = printable(redact(err.message, secrets), 2000);
  const hint = err.hint ? printable(redact(err.hint, secrets), 2000) : undefined;
  if (o.json) process.stdout.write(`${JSON.stringify({ error: { ...err, message, hint } })}\n`);
  const term = stderrTerminal();
  if (localized) term.line(term.red(`${localized.prefix}: ${localized.title}`));
  else {
    term.line(term.red(`error: ${message}`));
    if (hint) term.line(`  ${hint}`);
  }
  if (!isScanBridgeError(e) && process.env.SCANBRIDGE_DEBUG && e instanceof Error)
    term.line(redact(e.stack ?? '', secrets));
  return isScanBridgeError(e) ? exitCodeFor(e.code) : EXIT.FAILED;
}
