/**
 * i18next formatters beyond its built-in Intl ones (number, datetime…): `{{size, bytes}}` in the
 * catalogues is a byte count said in the language being rendered ("4,58 MB" in German);
 * `{{reasons, reasons}}` is a counted list of why files were left out ("notImage:8,format:3",
 * main/contract/error-details.ts) said as "8 are not photos and 3 …" from `errorReason.*`, joined by
 * Intl.ListFormat. Shared by the app's and the CLI's i18next instances.
 */
import type { i18n } from 'i18next';
import { decodeReasons } from '../../main/contract/index.js';
import { formatBytes } from '../format.js';
import { unmarked } from './format-log.js';

export function addFormatters(instance: i18n): void {
  instance.services.formatter?.add('bytes', (value: unknown, lng: string | undefined) =>
    formatBytes(Number(value), lng ?? 'en'),
  );
  instance.services.formatter?.add('reasons', (value: unknown, lng: string | undefined) => {
    const lang = lng ?? 'en';
    // The Log view marks data params (format-log.ts markData); the list is ours, not data.
    const said = decodeReasons(unmarked(String(value))).map(({ reason, count }) =>
      instance.t(`errorReason.${reason}`, { lng: lang, count }),
    );
    return new Intl.ListFormat(lang, { type: 'conjunction' }).format(said);
  });
}
