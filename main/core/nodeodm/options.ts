/**
 * Validates processing options against the node's own `/options` description before anything is
 * sent, so a typo is caught with a clear message instead of a task that fails later. Domains come as
 * free text ("positive integer", "float: 0 <= x <= 1", "float > 0.0") or as a list of allowed values.
 */
import type { NodeOdmOptionValue, NodeOption } from './types.js';

export type { NodeOdmOptionValue } from './types.js';
import { InvalidOptionsError, type OptionProblem } from './errors.js';

export type Domain =
  | { kind: 'enum'; values: string[] }
  | { kind: 'bool' }
  | {
      kind: 'int' | 'float';
      min?: number;
      minInclusive?: boolean;
      max?: number;
      maxInclusive?: boolean;
      text: string;
    }
  | { kind: 'json' }
  | { kind: 'string' };

const NUM = String.raw`[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;

/** Reads an option's type and domain into a checkable form. Unknown shapes fall back to "any string". */
export function parseDomain(type: string, domain: string | string[]): Domain {
  if (Array.isArray(domain)) return { kind: 'enum', values: domain.map(String) };
  const t = type.toLowerCase();
  const d = domain.trim().toLowerCase();
  if (t === 'bool' || t === 'boolean' || d === 'bool' || d === 'boolean') return { kind: 'bool' };
  if (t === 'enum' || /^\[.*\]$/.test(d) || /^[\w.-]+(\s*\|\s*[\w.-]+)+$/.test(d)) {
    const values = domain
      .trim()
      .replace(/^\[|\]$/g, '')
      .split(/[|,]/)
      .map((v) => v.trim().replace(/^["']|["']$/g, ''))
      .filter(Boolean);
    if (values.length > 0) return { kind: 'enum', values };
  }
  if (t === 'int' || t === 'integer' || t === 'float' || t === 'number') {
    const dom: Domain = { kind: t === 'float' || t === 'number' ? 'float' : 'int', text: domain };
    if (/non-?negative/.test(d)) Object.assign(dom, { min: 0, minInclusive: true });
    else if (/positive/.test(d)) Object.assign(dom, { min: 0, minInclusive: false });
    const range = new RegExp(`(${NUM})\\s*(<=|<)\\s*x\\s*(<=|<)\\s*(${NUM})`).exec(d);
    if (range) {
      Object.assign(dom, { min: Number(range[1]), minInclusive: range[2] === '<=' });
      Object.assign(dom, { max: Number(range[4]), maxInclusive: range[3] === '<=' });
    } else {
      for (const m of d.matchAll(new RegExp(`(>=|>|<=|<)\\s*(${NUM})`, 'g'))) {
        const [, op, n] = m;
        if (op === '>' || op === '>=') Object.assign(dom, { min: Number(n), minInclusive: op === '>=' });
        else Object.assign(dom, { max: Number(n), maxInclusive: op === '<=' });
      }
    }
    return dom;
  }
  if (d === 'json') return { kind: 'json' };
  return { kind: 'string' };
}

/** Checks one value against a domain; returns a sentence for the user, or undefined when fine. */
export function checkValue(domain: Domain, value: unknown): string | undefined {
  switch (domain.kind) {
    case 'bool':
      return value === true || value === false || value === 'true' || value === 'false'
        ? undefined
        : `must be true or false, got ${show(value)}`;
    case 'enum':
      return domain.values.includes(String(value))
        ? undefined
        : `must be one of ${domain.values.join(', ')}; got ${show(value)}`;
    case 'json':
      try {
        JSON.parse(String(value));
        return undefined;
      } catch {
        return `must be valid JSON, got ${show(value)}`;
      }
    case 'string':
      return typeof value === 'string' || typeof value === 'number'
        ? undefined
        : `must be text, got ${show(value)}`;
    case 'int':
    case 'float': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : NaN;
      if (!Number.isFinite(n)) return `must be a number (${domain.text}), got ${show(value)}`;
      if (domain.kind === 'int' && !Number.isInteger(n))
        return `must be a whole number (${domain.text}), got ${show(value)}`;
      const lowOk = domain.min === undefined || (domain.minInclusive ? n >= domain.min : n > domain.min);
      const highOk = domain.max === undefined || (domain.maxInclusive ? n <= domain.max : n < domain.max);
      return lowOk && highOk ? undefined : `must be ${domain.text}, got ${show(value)}`;
    }
  }
}

/**
 * Validates user values (a name → value map, or NodeODM's own [{name, value}] list) against the
 * node's options. Returns the list to send; throws InvalidOptionsError listing every problem.
 */
export function validateOptions(
  available: NodeOption[],
  values: Record<string, unknown> | NodeOdmOptionValue[],
): NodeOdmOptionValue[] {
  const entries: [string, unknown][] = Array.isArray(values)
    ? values.map((v) => [v.name, v.value])
    : Object.entries(values);
  const byName = new Map(available.map((o) => [o.name, o]));
  const problems: OptionProblem[] = [];
  const out: NodeOdmOptionValue[] = [];
  for (const [name, value] of entries) {
    const opt = byName.get(name);
    if (!opt) {
      problems.push({ name, value, error: suggest(name, [...byName.keys()]) });
      continue;
    }
    const domain = parseDomain(opt.type, opt.domain);
    const problem = checkValue(domain, value);
    if (problem) problems.push({ name, value, error: problem });
    else out.push({ name, value: normalise(value, domain) });
  }
  if (problems.length > 0) throw new InvalidOptionsError(problems);
  return out;
}

/** "true"/"false" become booleans only for a bool option: a text option keeps the word (found by fuzzing). */
function normalise(v: unknown, domain: Domain): string | number | boolean {
  if (domain.kind === 'bool' && v === 'true') return true;
  if (domain.kind === 'bool' && v === 'false') return false;
  return typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
}

function suggest(name: string, known: string[]): string {
  const close = known.find((k) => k.replace(/[-_]/g, '') === name.replace(/[-_]/g, '').toLowerCase());
  return close ? `not an option of this node (did you mean "${close}"?)` : 'not an option of this node';
}
