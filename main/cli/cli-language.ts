/**
 * The CLI's language: `scanbridge config set language de|en` (settings.locale) when set, else the
 * POSIX locale (LC_ALL, LC_MESSAGES, LANG, as gettext reads them), else English. Every line a person
 * reads comes from the app's catalogues (renderer/i18n, block `cli` and the errors), through an
 * i18next instance of its own; --json output is never translated (stable keys for scripts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { i18n } from 'i18next';
import { formatBytes as plainBytes } from '../core/format-bytes.js';
import { dataDirFor } from '../core/settings/data-dir.js';

export type CliLanguage = 'en' | 'de';

export function cliLanguage(locale: 'system' | 'en' | 'de' | undefined, env: NodeJS.ProcessEnv): CliLanguage {
  if (locale === 'en' || locale === 'de') return locale;
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^de([_.@-]|$)/i.test(posix) ? 'de' : 'en';
}

/**
 * settings.locale from the data folder's settings file, read without opening the runtime (an error
 * from a failed start-up is said in the same language). Anything unreadable: not set.
 */
export function settingsLocale(dataDir: string): 'system' | 'en' | 'de' | undefined {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as {
      locale?: unknown;
    };
    return raw.locale === 'en' || raw.locale === 'de' || raw.locale === 'system' ? raw.locale : undefined;
  } catch {
    return undefined;
  }
}

/** `t` of the CLI: a catalogue key and its params → the line in the CLI's language. */
export type CliT = (key: string, params?: Record<string, unknown>) => string;

export interface CliText {
  lang: CliLanguage;
  t: CliT;
  /** The English catalogue, for what stays English in every language (--json messages). */
  en: CliT;
}

/** The CLI's language for a run with these global options (the data folder holds the settings). */
export function languageFor(
  o: { dataDir?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): CliLanguage {
  return cliLanguage(settingsLocale(dataDirFor(o.dataDir, env)), env);
}

const loaded = new Map<CliLanguage, Promise<CliText>>();

/** The catalogue in the CLI's language (loaded on first use: `--version` never pays for it). */
export function cliText(lang: CliLanguage): Promise<CliText> {
  let p = loaded.get(lang);
  if (!p) {
    p = load(lang);
    loaded.set(lang, p);
  }
  return p;
}

async function load(lang: CliLanguage): Promise<CliText> {
  const [{ default: i18next }, { en }, { addFormatters }] = await Promise.all([
    import('i18next'),
    import('../../renderer/i18n/en.js'),
    import('../../renderer/i18n/formatters.js'),
  ]);
  const resources: Record<string, { translation: object }> = { en: { translation: en } };
  if (lang === 'de') resources.de = { translation: (await import('../../renderer/i18n/de.js')).de };
  const instance: i18n = i18next.createInstance();
  await instance.init({
    resources,
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  addFormatters(instance);
  // English keeps the CLI's established figures ("12.3 MB", "512 bytes"), German gets Intl's ("12,3 MB").
  if (lang === 'en') instance.services.formatter?.add('bytes', (v: unknown) => plainBytes(Number(v)));
  const t: CliT = (key, params) => instance.t(key, { ...params }) as string;
  const fixedEn = instance.getFixedT('en');
  const english: CliT = lang === 'en' ? t : (key, params) => fixedEn(key, { ...params }) as string;
  return { lang, t, en: english };
}
