/** Errors as a person reads them (own line, printable, no token) and as the exit code says. */
import { isScanBridgeError, toSerializedError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { redactParams } from '../contract/dispatch.js';
import type { CliText } from './cli-language.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { printable } from './format.js';
import { errorLines } from './output-error.js';
import { stderrTerminal } from './terminal.js';

/**
 * On screen in the CLI's language (`text`, see output-error.ts: one language at a time); --json keeps
 * the whole record (code, English message, detail + params) for scripts, in every language alike.
 */
export function reportError(
  e: unknown,
  o: { json?: boolean },
  secrets: (string | undefined)[],
  text: CliText,
): number {
  const raw = toSerializedError(e);
  const scrub = (s: string) => redact(s, secrets);
  const err = {
    ...raw,
    message: printable(scrub(raw.message), 2000),
    hint: raw.hint ? printable(scrub(raw.hint), 2000) : undefined,
    ...(raw.params ? { params: redactParams(raw.params, scrub) } : {}),
  };
  if (o.json) process.stdout.write(`${JSON.stringify({ error: err })}\n`);
  const term = stderrTerminal();
  const said = errorLines(text, err);
  term.line(term.red(`${said.prefix}: ${said.title}`));
  if (said.more) term.line(`  ${said.more}`);
  if (!isScanBridgeError(e) && process.env.SCANBRIDGE_DEBUG && e instanceof Error)
    term.line(redact(e.stack ?? '', secrets));
  return isScanBridgeError(e) ? exitCodeFor(e.code) : EXIT.FAILED;
}
