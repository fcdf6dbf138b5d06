/**
 * The CLI's language for what it says about errors: settings.language when set, else the POSIX
 * locale (LC_ALL, LC_MESSAGES, LANG, as gettext reads them). German gets the catalogue's sentence for
 * the error code (renderer/i18n/de.ts, the same text the app shows); English keeps the core's own,
 * more specific sentence. The server's and core's details stay as they are (sanitised, English).
 */
import type { ErrorCode } from '../core/errors.js';
import { ERROR_TABLE } from '../core/error-table.js';

export type CliLanguage = 'en' | 'de';

export function cliLanguage(locale: 'system' | 'en' | 'de' | undefined, env: NodeJS.ProcessEnv): CliLanguage {
  if (locale === 'en' || locale === 'de') return locale;
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^de([_.@-]|$)/i.test(posix) ? 'de' : 'en';
}

/** The German catalogue's text for an error code, or undefined (English, or a code without one). */
export async function germanErrorTitle(code: ErrorCode): Promise<string | undefined> {
  // Loaded only when an error is printed in German: the CLI's start-up never pays for it.
  const { de } = await import('../../renderer/i18n/de.js');
  const key = ERROR_TABLE[code]?.uiKey.slice('errors.'.length);
  const text = key ? (de.errors as Record<string, string | undefined>)[key] : undefined;
  return typeof text === 'string' ? text : undefined;
}
