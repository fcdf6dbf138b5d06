/**
 * Argument parsers and the version: the only things the CLI needs before it knows which command
 * runs, so they import nothing but commander (keeps `scanbridge --version` fast).
 */
import { InvalidArgumentError } from 'commander';
import { createRequire } from 'node:module';

declare const __SCANBRIDGE_VERSION__: string | undefined;

/** Set by the build (main/cli/build.mjs); read from package.json when run from sources (tsx). */
export function cliVersion(): string {
  if (typeof __SCANBRIDGE_VERSION__ === 'string') return __SCANBRIDGE_VERSION__;
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  return pkg.version;
}

/** `t` of the CLI's language, when the words are loaded (main.ts's second parse); else no words. */
type Say = ((key: string, params?: Record<string, unknown>) => string) | undefined;

/**
 * A bad flag value is wrong usage (exit 2), reported by commander with the help hint. Its words come
 * from the catalogue (`cliCmd.usage`) on the parse that prints them; the silent first parse has none.
 */
export function parsePositiveInt(name: string, t?: Say) {
  return (v: string): number => {
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(t ? t('cliCmd.usage.positiveInt', { name, value: v }) : name);
    return n;
  };
}

export function parseNonNegativeNumber(name: string, t?: Say) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || v.trim() === '')
      throw new InvalidArgumentError(t ? t('cliCmd.usage.nonNegative', { name, value: v }) : name);
    return n;
  };
}

/** `--option name=value`, repeatable; values are JSON when they parse as JSON, text otherwise. */
export function collectOption(t?: Say) {
  return (v: string, prev: Record<string, unknown> = {}): Record<string, unknown> => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new InvalidArgumentError(t ? t('cliCmd.usage.optionPair', { value: v }) : '--option');
    const name = v.slice(0, eq).trim();
    const raw = v.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // plain text
    }
    return { ...prev, [name]: value };
  };
}
