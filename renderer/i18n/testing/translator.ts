/**
 * Tests' translator: a fresh i18next instance over the app's own en/de catalogues and formatters,
 * so a test reads exactly the sentence the app would show.
 */
import i18next from 'i18next';
import { de } from '../de.js';
import { en } from '../en.js';
import { addFormatters } from '../formatters.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export async function translator(lng: 'en' | 'de'): Promise<Translate> {
  const i = i18next.createInstance();
  await i.init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  addFormatters(i);
  return i.t.bind(i) as unknown as Translate;
}
