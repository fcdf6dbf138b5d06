import { describe, expect, it } from 'vitest';
import { createMainI18n, languageFor } from './i18n.js';

describe('main i18n', () => {
  it('follows the setting, else the system languages', () => {
    expect(languageFor('de', ['en-US'])).toBe('de');
    expect(languageFor('en', ['de-DE'])).toBe('en');
    expect(languageFor('system', ['de-AT', 'en-GB'])).toBe('de');
    expect(languageFor('system', ['en-GB', 'de-DE'])).toBe('en');
    expect(languageFor('system', ['fr-FR'])).toBe('en');
    expect(languageFor('system', [])).toBe('en');
  });

  it('translates from the catalogues and switches language', () => {
    const i = createMainI18n('en');
    expect(i.t('desktop.quit.keep')).toBe('Keep running');
    i.setLanguage('de');
    expect(i.language()).toBe('de');
    expect(i.t('desktop.quit.keep')).toBe('Weiterlaufen lassen');
    expect(i.t('desktop.quit.message', { count: 1 })).toBe('1 Auftrag läuft noch. Trotzdem beenden?');
  });
});
