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

/** A bad flag value is wrong usage (exit 2), reported by commander with the help hint. */
export function parsePositiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive whole number (got "${v}").`);
    return n;
  };
}

export function parseNonNegativeNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || v.trim() === '')
      throw new InvalidArgumentError(`${name} must be a number of 0 or more (got "${v}").`);
    return n;
  };
}

/** `--option name=value`, repeatable; values are JSON when they parse as JSON, text otherwise. */
export function collectOption(v: string, prev: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = v.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`--option takes name=value (got "${v}").`);
  const name = v.slice(0, eq).trim();
  const raw = v.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // plain text
  }
  return { ...prev, [name]: value };
}
