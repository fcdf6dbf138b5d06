/**
 * `scanbridge config get|set|list|unset`: the settings the app's Settings screen edits, by their CLI
 * names. Flags override these for one run; SCANBRIDGE_ENDPOINT overrides `endpoint`.
 */
import { SettingsShape, defaultSettings, type Settings } from '../../core/settings/schema.js';
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { endpointFrom, print, withService, type GlobalOptions } from '../context.js';
import { UsageError } from '../usage-error.js';

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

const UNITS: Partial<Record<Key, string>> = {
  bandwidthLimit: 'MB/s, 0 = no limit',
  partSize: 'bytes or auto',
};

function keyOf(name: string): Key {
  if (name in KEYS) return name as Key;
  throw new UsageError(
    `There is no setting "${printable(name, 60)}".`,
    `Settings: ${Object.keys(KEYS).join(', ')}.`,
  );
}

export async function configCommand(
  action: 'get' | 'set' | 'list' | 'unset',
  name: string | undefined,
  value: string | undefined,
  o: GlobalOptions,
): Promise<number> {
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
              `${k} = ${JSON.stringify(show(k))}${UNITS[k] ? `  (${UNITS[k]})` : ''}${k === 'endpoint' && env ? `  (this run: ${env})` : ''}`,
          )
          .join('\n'),
      );
      return EXIT.OK;
    }
    if (!name)
      throw new UsageError(
        `config ${action} needs a setting name.`,
        `Settings: ${Object.keys(KEYS).join(', ')}.`,
      );
    const key = keyOf(name);
    const { field } = KEYS[key];
    if (action === 'get') {
      print(o, { [key]: show(key) }, () => String(show(key)));
      return EXIT.OK;
    }
    let next: unknown;
    if (action === 'unset') next = defaultSettings()[field];
    else {
      if (value === undefined) throw new UsageError(`config set ${key} needs a value.`);
      next = KEYS[key].parse(value);
    }
    const checked = SettingsShape[field].safeParse(next);
    if (!checked.success) {
      throw new UsageError(
        `"${printable(value, 200)}" is not a valid ${key}: ${checked.error.issues[0]?.message ?? 'invalid'}.`,
        UNITS[key] ? `${key} takes ${UNITS[key]}.` : undefined,
      );
    }
    current = await service.updateSettings({ [field]: checked.data } as Partial<typeof current>);
    print(o, { [key]: show(key) }, () => `${key} = ${JSON.stringify(show(key))}`);
    return EXIT.OK;
  });
}
