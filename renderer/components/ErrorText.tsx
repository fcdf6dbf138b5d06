/**
 * An error as a person reads it, in the UI's language: the catalogue's sentence for its code
 * (`errors.<code in camelCase>`, the same key main/core/error-table.ts names). The core's own
 * sentence is more specific but English, so it is added only when the UI is in English (not in the
 * pseudo-locale en-XA, whose point is to show text that bypasses the catalogue).
 */
import { useTranslation } from 'react-i18next';

export interface ErrorLike {
  code?: string | undefined;
  message: string;
  hint?: string | undefined;
}

export const errorKey = (code: string): string =>
  `errors.${code.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}`;

export function ErrorText({ error, inline }: { error: ErrorLike; inline?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!error.code) {
    // Made in the renderer from the catalogue already (e.g. "Type the path instead").
    return <strong>{error.message}</strong>;
  }
  const title = t(errorKey(error.code), { defaultValue: t('errors.internal') });
  const english = i18n.language === 'en';
  const detail = english ? [error.message, error.hint].filter(Boolean).join(' ') : '';
  const Detail = inline ? 'span' : 'p';
  return (
    <>
      <strong>{title}</strong>
      {detail && detail !== title ? <Detail className="error-detail"> {detail}</Detail> : null}
    </>
  );
}
