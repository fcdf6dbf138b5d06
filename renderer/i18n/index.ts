/** One i18n layer for every string: English and German, the language from settings or the OS. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de.js';
import { en } from './en.js';
import { addFormatters } from './formatters.js';
import { PSEUDO_LOCALE, pseudoCatalogue, pseudoFromUrl } from './pseudo.js';

/** The page's language override for dev and tests (`?lang=en-XA`), read once: it wins over Settings. */
export const languageOverride = pseudoFromUrl(location.search);

export function pickLanguage(
  locale: 'system' | 'en' | 'de',
  nav: readonly string[] = navigator.languages,
): 'en' | 'de' {
  if (locale !== 'system') return locale;
  return nav.some((l) => l.toLowerCase().startsWith('de')) && !nav[0]?.toLowerCase().startsWith('en')
    ? 'de'
    : 'en';
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      de: { translation: de },
      ...(languageOverride ? { [PSEUDO_LOCALE]: { translation: pseudoCatalogue(en) } } : {}),
    },
    lng: languageOverride ?? pickLanguage('system'),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  addFormatters(i18next);
  return i18next;
}

export { i18next };
