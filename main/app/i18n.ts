/**
 * The main process's texts (notifications, the quit dialog) from the same catalogues the renderer
 * uses (renderer/i18n/en.ts, de.ts: plain objects, no React), so one language shows everywhere.
 * Its own i18next instance: the renderer's lives in another process.
 */
import i18next from 'i18next';
import type { Settings } from '../contract/index.js';
import { de } from '../../renderer/i18n/de.js';
import { en } from '../../renderer/i18n/en.js';
import { addFormatters } from '../../renderer/i18n/formatters.js';

export type Language = 'en' | 'de';
/** What the pure modules get: a key (and parameters) in, the text in the current language out. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * The renderer's rule (renderer/i18n pickLanguage) over Electron's list of the system's preferred
 * languages instead of navigator.languages: German when the person prefers German over English.
 */
export function languageFor(locale: Settings['locale'], preferred: readonly string[]): Language {
  if (locale !== 'system') return locale;
  const de = preferred.some((l) => l.toLowerCase().startsWith('de'));
  return de && !preferred[0]?.toLowerCase().startsWith('en') ? 'de' : 'en';
}

export interface MainI18n {
  t: Translate;
  setLanguage(lang: Language): void;
  language(): Language;
}

export function createMainI18n(lang: Language): MainI18n {
  const inst = i18next.createInstance();
  // initAsync false: the resources are in memory, so t() works as soon as this returns.
  void inst.init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  addFormatters(inst);
  return {
    t: (key, params) => inst.t(key, params ?? {}),
    setLanguage: (l) => void inst.changeLanguage(l),
    language: () => (inst.language === 'de' ? 'de' : 'en'),
  };
}
