import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeOdmStub, type NodeOdmStub } from '../../../server-stub/nodeodm/index.js';
import { createNodeOdmClient, type NodeOption } from './client.js';
import { InvalidOptionsError } from './errors.js';
import { checkValue, didYouMean, parseDomain, validateOptions } from './options.js';

describe('parseDomain / checkValue', () => {
  it('reads integer domains: positive, ranges and comparisons', () => {
    const pos = parseDomain('int', 'positive integer');
    expect(checkValue(pos, 5)).toBeUndefined();
    expect(checkValue(pos, '12')).toBeUndefined();
    // NodeODM reads "positive" as >= 0: its own defaults (matcher-neighbors, pc-sample…) are 0.
    expect(checkValue(pos, 0)).toBeUndefined();
    expect(checkValue(pos, -1)).toMatch(/positive integer, got -1/);
    expect(checkValue(pos, 1.5)).toMatch(/whole number/);
    expect(checkValue(pos, 'ten')).toMatch(/must be a number/);
    const range = parseDomain('int', 'integer: 1 <= x <= 14');
    expect(checkValue(range, 1)).toBeUndefined();
    expect(checkValue(range, 14)).toBeUndefined();
    expect(checkValue(range, 15)).toMatch(/1 <= x <= 14.*15/);
    expect(checkValue(parseDomain('int', 'non-negative integer'), 0)).toBeUndefined();
  });

  it('reads float domains, inclusive and exclusive', () => {
    const unit = parseDomain('float', 'float: 0 <= x <= 1');
    expect(checkValue(unit, 0)).toBeUndefined();
    expect(checkValue(unit, '0.25')).toBeUndefined();
    expect(checkValue(unit, 1.01)).toBeDefined();
    const gt = parseDomain('float', 'float > 0.0');
    expect(checkValue(gt, 0)).toBeDefined();
    expect(checkValue(gt, 0.001)).toBeUndefined();
    expect(checkValue(parseDomain('float', 'float >= 0.0'), 0)).toBeUndefined();
    expect(checkValue(parseDomain('float', 'float'), -3.5)).toBeUndefined();
  });

  it('reads enums given as a list, as "[a, b]" and as "a|b", and booleans', () => {
    expect(checkValue(parseDomain('enum', ['ultra', 'high']), 'high')).toBeUndefined();
    expect(checkValue(parseDomain('enum', ['ultra', 'high']), 'extreme')).toMatch(/one of ultra, high/);
    expect(checkValue(parseDomain('string', '[incremental, planar]'), 'planar')).toBeUndefined();
    expect(checkValue(parseDomain('string', 'incremental|planar'), 'x')).toBeDefined();
    const b = parseDomain('bool', 'bool');
    expect(checkValue(b, true)).toBeUndefined();
    expect(checkValue(b, 'false')).toBeUndefined();
    expect(checkValue(b, 'yes')).toMatch(/true or false/);
    expect(checkValue(parseDomain('string', 'json'), '{"a":1}')).toBeUndefined();
    expect(checkValue(parseDomain('string', 'json'), '{a')).toMatch(/valid JSON/);
  });
});

describe('validateOptions against the node’s own /options', () => {
  let stub: NodeOdmStub;
  let available: NodeOption[];
  beforeAll(async () => {
    stub = await startNodeOdmStub();
    available = await createNodeOdmClient({ url: stub.url }).options();
  });
  afterAll(() => stub.close());

  it('passes good values through in NodeODM’s [{name, value}] shape', () => {
    const out = validateOptions(available, {
      'mesh-octree-depth': '12',
      'feature-quality': 'ultra',
      'auto-boundary': 'true',
      'pc-filter': 0.3,
    });
    expect(out).toEqual([
      { name: 'mesh-octree-depth', value: 12 },
      { name: 'feature-quality', value: 'ultra' },
      { name: 'auto-boundary', value: true },
      { name: 'pc-filter', value: 0.3 },
    ]);
  });

  it('lists every problem at once, with a suggestion for a typo', () => {
    let err: unknown;
    try {
      validateOptions(available, [
        { name: 'mesh-size', value: -5 },
        { name: 'orthophoto-resolution', value: 0 },
        { name: 'meshsize', value: 10 },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidOptionsError);
    const problems = (err as InvalidOptionsError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]?.error).toMatch(/positive integer, got -5/);
    expect(problems[1]?.error).toMatch(/float > 0\.0/);
    expect(problems[2]?.error).toMatch(/did you mean "mesh-size"/);
    expect((err as Error).message).toMatch(/^Processing options rejected: mesh-size/);
  });

  it('suggests the option a shortened name starts, only when one does', () => {
    const names = available.map((o) => o.name);
    expect(didYouMean('fast-ortho', names)).toBe('fast-orthophoto');
    // "pc-" starts many options (pc-quality, pc-csv, …): no guess.
    expect(names.filter((n) => n.startsWith('pc-')).length).toBeGreaterThan(1);
    expect(didYouMean('pc-', names)).toBeUndefined();
    expect(didYouMean('zzzz', names)).toBeUndefined();
  });

  it('accepts every default of the node’s 80 options, the 0 defaults of "positive" ones included', () => {
    expect(available).toHaveLength(80);
    const defaults = Object.fromEntries(available.map((o) => [o.name, o.value]));
    expect(validateOptions(available, defaults)).toHaveLength(80);
    for (const name of [
      'matcher-neighbors',
      'pc-sample',
      'auto-boundary-distance',
      'rolling-shutter-readout',
    ])
      expect(validateOptions(available, { [name]: 0 })).toEqual([{ name, value: 0 }]);
  });

  it('names the option, the value, what the node accepts, and the closest name', () => {
    const err = (() => {
      try {
        validateOptions(available, { 'pc-qualty': 'low', 'sfm-algorithm': 'global', dsm: 'yes' });
      } catch (e) {
        return e as InvalidOptionsError;
      }
    })();
    expect(err).toBeInstanceOf(InvalidOptionsError);
    expect(err?.code).toBe('INVALID_INPUT');
    expect(err?.problems).toEqual([
      expect.objectContaining({ name: 'pc-qualty', value: 'low', suggestion: 'pc-quality' }),
      expect.objectContaining({
        name: 'sfm-algorithm',
        value: 'global',
        accepted: 'one of incremental, triangulation, planar',
      }),
      expect.objectContaining({ name: 'dsm', value: 'yes', accepted: 'true or false' }),
    ]);
    expect(err?.message).toMatch(/pc-qualty: .*did you mean "pc-quality"/);
    expect(err?.message).toMatch(
      /sfm-algorithm: must be one of incremental, triangulation, planar; got "global"/,
    );
  });

  it('agrees with the node: what it accepts, the node accepts', async () => {
    const c = createNodeOdmClient({ url: stub.url });
    const values = validateOptions(available, { 'mesh-octree-depth': 14, 'sfm-algorithm': 'planar' });
    await expect(c.initTask('ok', values)).resolves.toMatch(/^[0-9a-f-]{36}$/);
  });
});
