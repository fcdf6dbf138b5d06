/**
 * The stand-in's /options and its handling of submitted options, as a NodeODM 2.2.4 answers
 * (../shared/peers/nodeodm/errors.json): values are coerced by the option's type (parseInt, parseFloat,
 * "true"/"1"/"false"/"0"), checked against the domain ("positive" means >= 0), unknown names are
 * dropped, the first of duplicate names wins, the result follows the node's own option order, and
 * problems come back as a JSON-encoded list inside `error`.
 */
import { readFileSync } from 'node:fs';

export interface OdmOption {
  name: string;
  type: string;
  value: string;
  domain: string | string[];
  help: string;
}

export interface TaskOption {
  name: string;
  value: unknown;
}

/** The 80 options a NodeODM 2.2.4 in test mode serves, kept as recorded. */
export const ODM_OPTIONS: readonly OdmOption[] = JSON.parse(
  readFileSync(new URL('./odm-options.json', import.meta.url), 'utf8'),
) as OdmOption[];

/** Appended by the node to every task's options once it has been initialised. */
export const FINISHING_OPTIONS: readonly TaskOption[] = [
  { name: 'pc-ept', value: true },
  { name: 'cog', value: true },
  { name: 'gltf', value: true },
];

class ConvertError extends Error {}

function convert(type: string, value: unknown): unknown {
  switch (type) {
    case 'int':
      return Number.parseInt(String(value), 10);
    case 'float':
      return Number.parseFloat(String(value));
    case 'bool':
      if (value === 'true' || value === '1' || value === true) return true;
      if (value === 'false' || value === '0' || value === false) return false;
      throw new ConvertError(`Cannot convert ${String(value)} to boolean`);
    default:
      return String(value);
  }
}

const NUM = String.raw`([-+.\d]+)`;

function inDomain(domain: string, value: unknown): boolean {
  let m = /^(positive |negative )?(integer|float)$/.exec(domain);
  if (m) {
    const n = value as number;
    if (m[1] === 'positive ') return n >= 0;
    if (m[1] === 'negative ') return n <= 0;
    return m[2] === 'integer' ? Number.isInteger(n) : Number.isFinite(n);
  }
  m = new RegExp(`^(?:integer|float): ${NUM} <= x <= ${NUM}$`).exec(domain);
  if (m) return (value as number) >= Number(m[1]) && (value as number) <= Number(m[2]);
  m = new RegExp(`^(?:integer|float) (>=|>|<=|<) ${NUM}$`).exec(domain);
  if (m) {
    const n = value as number;
    const lim = Number(m[2]);
    return m[1] === '>=' ? n >= lim : m[1] === '>' ? n > lim : m[1] === '<=' ? n <= lim : n < lim;
  }
  if (domain === 'json') {
    try {
      JSON.parse(String(value));
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The node's filter: returns the options to store, or the `error` text to send. `raw` is what came in
 * the `options` field (a JSON string, or an already parsed list from a JSON body).
 */
export function filterOptions(
  raw: unknown,
  available: readonly OdmOption[] = ODM_OPTIONS,
): { options: TaskOption[] } | { error: string } {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    if (raw === '') return { options: [] };
    try {
      list = JSON.parse(raw);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  if (!Array.isArray(list)) return { options: [] };
  const given = list.filter(
    (o): o is { name: string; value?: unknown } =>
      typeof o === 'object' && o !== null && typeof (o as { name?: unknown }).name === 'string',
  );
  const options: TaskOption[] = [];
  const errors: { name: string; error: string }[] = [];
  for (const opt of available) {
    const found = given.find((g) => g.name === opt.name);
    if (!found) continue;
    try {
      const value = convert(opt.type, found.value);
      const ok = Array.isArray(opt.domain)
        ? opt.domain.includes(value as string)
        : opt.domain === ''
          ? true
          : inDomain(opt.domain, value);
      if (ok) options.push({ name: opt.name, value });
      else
        errors.push({
          name: opt.name,
          error: `Invalid value ${String(value)} (${Array.isArray(opt.domain) ? 'not in enum' : 'out of range'})`,
        });
    } catch (e) {
      if (!(e instanceof ConvertError)) throw e;
      errors.push({ name: opt.name, error: e.message });
    }
  }
  return errors.length > 0 ? { error: JSON.stringify(errors) } : { options };
}
