/**
 * An error as the CLI prints it, in the CLI's language. German (and any language but English): the
 * catalogue's title for the code and its sentence for the error's specifics (code + params, see
 * renderer/i18n/format-error.ts), never the core's English sentence. English: the core's own sentence
 * and hint, which say the same specifics and which scripts and people have read for a long time.
 * Whatever is printed is made printable (server words) and has no token (redacted by the caller).
 */
import type { SerializedError } from '../core/errors.js';
import { errorSentences } from '../../renderer/i18n/format-error.js';
import type { CliText } from './cli-language.js';
import { printable } from './format.js';

export interface ErrorLines {
  /** "error" / "Fehler". */
  prefix: string;
  title: string;
  /** What else to say (the specifics, or the English hint). */
  more?: string;
}

export function errorLines(
  text: CliText,
  err: Pick<SerializedError, 'code' | 'message' | 'hint' | 'detail' | 'params'>,
): ErrorLines {
  const prefix = text.t('cli.errorPrefix');
  if (text.lang === 'en') {
    return {
      prefix,
      title: printable(err.message, 2000),
      ...(err.hint ? { more: printable(err.hint, 2000) } : {}),
    };
  }
  const said = errorSentences(text.t, err);
  return {
    prefix,
    title: printable(said.title, 2000),
    ...(said.detail ? { more: printable(said.detail, 2000) } : {}),
  };
}
