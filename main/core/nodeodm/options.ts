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

const BOOL_WORDS = new Set(['true', 'false', '1', '0']);

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
    // NodeODM checks "positive integer/float" as x >= 0 (its own defaults include 0), so do we.
    if (/non-?negative|positive/.test(d)) Object.assign(dom, { min: 0, minInclusive: true });
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
      // The node takes true/false and the strings "true", "false", "1", "0" (not the numbers).
      return BOOL_WORDS.has(value as string) || value === true || value === false
        ? undefined
        : `must be true or false, got ${show(value)}`;
    case 'enum':
      return domain.values.includes(String(value))
        ? undefined
        : `must be one of ${domain.values.join(', ')}; got ${show(value)}`;
    case 'json':
      // "" is the node's own default: no value.
      if (value === '') return undefined;
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
      const close = didYouMean(name, [...byName.keys()]);
      problems.push({
        name,
        value,
        error: close ? `not an option of this node (did you mean "${close}"?)` : 'not an option of this node',
        accepted: 'an option the node lists in /options',
        ...(close ? { suggestion: close } : {}),
      });
      continue;
    }
    const domain = parseDomain(opt.type, opt.domain);
    const problem = checkValue(domain, value);
    if (problem) problems.push({ name, value, error: problem, accepted: acceptedText(domain) });
    else out.push({ name, value: normalise(value, domain) });
  }
  if (problems.length > 0) throw new InvalidOptionsError(problems);
  return out;
}

/** What a domain accepts, in words, for the message and the UI. */
export function acceptedText(d: Domain): string {
  switch (d.kind) {
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${d.values.map((v) => (v === '' ? '""' : v)).join(', ')}`;
    case 'json':
      return 'JSON text';
    case 'string':
      return 'text';
    default:
      return d.text;
  }
}

/** Values go out typed: booleans as booleans, numbers as numbers (the node would coerce "12" itself). */
function normalise(v: unknown, domain: Domain): string | number | boolean {
  if (domain.kind === 'bool') return v === true || v === 'true' || v === '1';
  if ((domain.kind === 'int' || domain.kind === 'float') && typeof v === 'string') return Number(v);
  return typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
}

/** The closest known name by edit distance (ignoring case and -/_), when it is close enough to be a typo. */
export function didYouMean(name: string, known: string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const n = norm(name);
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(n, norm(k));
    if (d < bestD) [best, bestD] = [k, d];
  }
  if (best !== undefined && bestD <= Math.max(1, Math.floor(n.length / 4))) return best;
  // A shortened name ("fast-ortho", "pc-qual"): the one option it starts, when only one does.
  const started = n.length >= 4 ? known.filter((k) => norm(k).startsWith(n)) : [];
  return started.length === 1 ? started[0] : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
