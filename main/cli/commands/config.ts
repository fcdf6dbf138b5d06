/**
 * `scanbridge config get|set|list|unset`: the settings the app's Settings screen edits, by their CLI
 * names. Flags override these for one run; SCANBRIDGE_ENDPOINT overrides `endpoint`.
 */
import deLocale from 'zod/v4/locales/de.js';
import { SettingsShape, defaultSettings, type Settings } from '../../core/settings/schema.js';
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { cliText, languageFor, type CliText } from '../cli-language.js';
import { endpointFrom, print, withService, type GlobalOptions } from '../context.js';
import { UsageError, usageError } from '../usage-error.js';

/** CLI name → settings field, with how a typed value becomes the field's value. */
const KEYS = {
  endpoint: { field: 'endpoint', parse: (v: string) => v },
  downloadDir: { field: 'downloadDir', parse: (v: string) => v },
  concurrency: { field: 'concurrency', parse: Number },
  partSize: { field: 'partSize', parse: (v: string) => (v === 'auto' ? v : Number(v.replace(/_/g, ''))) },
  bandwidthLimit: { field: 'bandwidthCapMBps', parse: Number },
  autoDownload: {
    field: 'autoDownload',
    parse: (v: string) => (v === 'true' ? true : v === 'false' ? false : v),
  },
  colmapPath: { field: 'colmapPath', parse: (v: string) => v },
  language: { field: 'locale', parse: (v: string) => v },
} as const satisfies Record<string, { field: keyof Settings; parse: (v: string) => unknown }>;
type Key = keyof typeof KEYS;

/** Settings whose value needs its unit said (catalogue `cliCmd.config.unit`). */
const UNITS = new Set<Key>(['bandwidthLimit', 'partSize']);
const NAMES = Object.keys(KEYS).join(', ');

function keyOf(name: string, text: CliText): Key {
  if (name in KEYS) return name as Key;
  throw usageError(text, 'cliCmd.config.noSetting', { name: printable(name, 60) }, [
    'cliCmd.config.settings',
    { names: NAMES },
  ]);
}

export async function configCommand(
  action: 'get' | 'set' | 'list' | 'unset',
  name: string | undefined,
  value: string | undefined,
  o: GlobalOptions,
): Promise<number> {
  const text = await cliText(languageFor(o));
  const { t } = text;
  const unit = (k: Key) => (UNITS.has(k) ? t(`cliCmd.config.unit.${k}`) : undefined);
  return withService({ ...o, endpoint: undefined }, { lock: false }, async ({ service }) => {
    let current = await service.getSettings();
    const show = (k: Key) => current[KEYS[k].field] as unknown;
    if (action === 'list') {
      const all = Object.fromEntries((Object.keys(KEYS) as Key[]).map((k) => [k, show(k)]));
      const env = endpointFrom(o);
      print(o, all, () =>
        (Object.keys(KEYS) as Key[])
          .map(
            (k) =>
              `${k} = ${JSON.stringify(show(k))}${unit(k) ? `  (${unit(k)})` : ''}${k === 'endpoint' && env ? `  (${t('cliCmd.config.thisRun', { endpoint: env })})` : ''}`,
          )
          .join('\n'),
      );
      return EXIT.OK;
    }
    if (!name)
      throw usageError(text, 'cliCmd.config.needsName', { action }, [
        'cliCmd.config.settings',
        { names: NAMES },
      ]);
    const key = keyOf(name, text);
    const { field } = KEYS[key];
    if (action === 'get') {
      print(o, { [key]: show(key) }, () => String(show(key)));
      return EXIT.OK;
    }
    let next: unknown;
    if (action === 'unset') next = defaultSettings()[field];
    else {
      if (value === undefined) throw usageError(text, 'cliCmd.config.needsValue', { key });
      next = KEYS[key].parse(value);
    }
    const checked = SettingsShape[field].safeParse(next);
    if (!checked.success) {
      // zod's reason: English for --json as before; on screen in the CLI's language (zod's own German).
      const english = checked.error.issues[0]?.message ?? 'invalid';
      const said =
        text.lang === 'de'
          ? (SettingsShape[field].safeParse(next, { error: deLocale().localeError }).error?.issues[0]
              ?.message ?? english)
          : english;
      const params = { value: printable(value, 200), key };
      const hint = unit(key);
      const e = usageError(text, 'cliCmd.config.invalid', { ...params, why: english });
      throw new UsageError(
        e.message,
        hint
          ? text.en('cliCmd.config.takes', { key, unit: text.en(`cliCmd.config.unit.${key}`) })
          : undefined,
        {
          message: t('cliCmd.config.invalid', { ...params, why: printable(said, 300) }),
          hint: hint ? t('cliCmd.config.takes', { key, unit: hint }) : undefined,
        },
      );
    }
    current = await service.updateSettings({ [field]: checked.data } as Partial<typeof current>);
    print(o, { [key]: show(key) }, () => `${key} = ${JSON.stringify(show(key))}`);
    return EXIT.OK;
  });
}
