/**
 * The processing options the stub advertises on /options (a realistic subset of ODM's), and the
 * stub's own check of submitted values, reported the way NodeODM does: a JSON list inside `error`.
 */
export interface StubOption {
  name: string;
  type: 'int' | 'float' | 'string' | 'bool' | 'enum';
  value: string;
  domain: string | string[];
  help: string;
  /** Stub-side check; returns a problem or undefined. */
  check: (v: unknown) => string | undefined;
}

const num = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
const intIn = (lo: number, hi: number) => (v: unknown) =>
  Number.isInteger(num(v)) && num(v) >= lo && num(v) <= hi
    ? undefined
    : `expected an integer in [${lo}, ${hi}]`;
const floatIn =
  (lo: number, hi: number, loOpen = false) =>
  (v: unknown) => {
    const n = num(v);
    return Number.isFinite(n) && (loOpen ? n > lo : n >= lo) && n <= hi
      ? undefined
      : `expected a float in range`;
  };
const oneOf = (vals: string[]) => (v: unknown) =>
  vals.includes(String(v)) ? undefined : `expected one of ${vals.join(',')}`;
const bool = (v: unknown) =>
  v === true || v === false || v === 'true' || v === 'false' ? undefined : 'expected a boolean';

const QUALITY = ['ultra', 'high', 'medium', 'low', 'lowest'];

export const STUB_OPTIONS: StubOption[] = [
  {
    name: 'feature-quality',
    type: 'enum',
    value: 'high',
    domain: QUALITY,
    help: 'Feature extraction quality.',
    check: oneOf(QUALITY),
  },
  {
    name: 'pc-quality',
    type: 'enum',
    value: 'medium',
    domain: QUALITY,
    help: 'Point cloud quality.',
    check: oneOf(QUALITY),
  },
  {
    name: 'mesh-size',
    type: 'int',
    value: '200000',
    domain: 'positive integer',
    help: 'Maximum vertices of the mesh.',
    check: intIn(1, Number.MAX_SAFE_INTEGER),
  },
  {
    name: 'mesh-octree-depth',
    type: 'int',
    value: '11',
    domain: 'integer: 1 <= x <= 14',
    help: 'Octree depth of the mesh.',
    check: intIn(1, 14),
  },
  {
    name: 'min-num-features',
    type: 'int',
    value: '10000',
    domain: 'positive integer',
    help: 'Minimum features per image.',
    check: intIn(1, Number.MAX_SAFE_INTEGER),
  },
  {
    name: 'pc-filter',
    type: 'float',
    value: '5',
    domain: 'float >= 0.0',
    help: 'Point cloud outlier filter (std dev).',
    check: floatIn(0, Infinity),
  },
  {
    name: 'texturing-outlier-removal',
    type: 'float',
    value: '0.5',
    domain: 'float: 0 <= x <= 1',
    help: 'Share of outlier views removed.',
    check: floatIn(0, 1),
  },
  {
    name: 'orthophoto-resolution',
    type: 'float',
    value: '5',
    domain: 'float > 0.0',
    help: 'Orthophoto resolution in cm/pixel.',
    check: floatIn(0, Infinity, true),
  },
  {
    name: 'auto-boundary',
    type: 'bool',
    value: 'false',
    domain: 'bool',
    help: 'Crop to an automatic boundary.',
    check: bool,
  },
  {
    name: 'skip-orthophoto',
    type: 'bool',
    value: 'false',
    domain: 'bool',
    help: 'Skip the orthophoto.',
    check: bool,
  },
  {
    name: 'sfm-algorithm',
    type: 'string',
    value: 'incremental',
    domain: '[incremental, triangulation, planar]',
    help: 'Structure from motion algorithm.',
    check: oneOf(['incremental', 'triangulation', 'planar']),
  },
  {
    name: 'name-prefix',
    type: 'string',
    value: '',
    domain: 'string',
    help: 'Free text.',
    check: () => undefined,
  },
];

/** Returns NodeODM's options error text, or undefined when every option is acceptable. */
export function checkOptions(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return 'Invalid options: not valid JSON';
  }
  if (!Array.isArray(list)) return 'Invalid options: expected a list';
  const problems: { name: string; value: unknown; error: string }[] = [];
  for (const item of list as { name?: unknown; value?: unknown }[]) {
    const opt = STUB_OPTIONS.find((o) => o.name === item?.name);
    const err = opt ? opt.check(item.value) : 'unknown option';
    if (err) problems.push({ name: String(item?.name), value: item?.value, error: err });
  }
  return problems.length > 0 ? JSON.stringify(problems) : undefined;
}

export const publicOptions = (): Omit<StubOption, 'check'>[] =>
  STUB_OPTIONS.map(({ name, type, value, domain, help }) => ({ name, type, value, domain, help }));
