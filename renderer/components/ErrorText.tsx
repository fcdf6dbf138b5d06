/**
 * An error as a person reads it, in the UI's language: the catalogue's sentence for its code and, when
 * the error carries its specifics (detail + params, main/contract/error-details.ts), the catalogue's
 * sentence for them (renderer/i18n/format-error.ts). An error without specifics falls back to the
 * core's own English sentence, shown only when the UI is in English (not in the pseudo-locale en-XA,
 * whose point is to show text that bypasses the catalogue).
 */
import { useTranslation } from 'react-i18next';
import { errorCodeKey } from '../../main/contract/index.js';
import { errorSentences, type ErrorLike } from '../i18n/format-error.js';

export type { ErrorLike };

export const errorKey = (code: string): string => `errors.${errorCodeKey(code)}`;

export function ErrorText({ error, inline }: { error: ErrorLike; inline?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!error.code) {
    // Made in the renderer from the catalogue already (e.g. "Type the path instead").
    return <strong>{error.message}</strong>;
  }
  const said = errorSentences(t as (k: string, o?: Record<string, unknown>) => string, error);
  const english = i18n.language === 'en';
  const detail = said.detail ?? (english ? [error.message, error.hint].filter(Boolean).join(' ') : '');
  const Detail = inline ? 'span' : 'p';
  return (
    <>
      <strong>{said.title}</strong>
      {detail && detail !== said.title ? (
        <Detail className="error-detail" data-testid="error-detail">
          {' '}
          {detail}
        </Detail>
      ) : null}
    </>
  );
}
