/**
 * i18next formatters beyond its built-in Intl ones (number, datetime…): `{{size, bytes}}` in the
 * catalogues is a byte count said in the language being rendered ("4,58 MB" in German). Shared by the
 * app's and the CLI's i18next instances.
 */
import type { i18n } from 'i18next';
import { formatBytes } from '../format.js';

export function addFormatters(instance: i18n): void {
  instance.services.formatter?.add('bytes', (value: unknown, lng: string | undefined) =>
    formatBytes(Number(value), lng ?? 'en'),
  );
}
