/**
 * fuzz: NodeODM option descriptions and user values (issue 8, item 4). Whatever a node says about
 * its options (free-text domains, lists, odd types) and whatever the user passes, validateOptions
 * returns values that pass their own check or throws InvalidOptionsError naming each bad option;
 * never a TypeError, never a slow regex. Seeded by vitest.setup.ts; `npm run fuzz` raises FUZZ_RUNS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeOption } from './client.js';
import { InvalidOptionsError } from './errors.js';
import { checkValue, parseDomain, validateOptions } from './options.js';

const RUNS = Number(process.env.FUZZ_RUNS) || 300;

const domainText = fc.oneof(
  fc.constantFrom(
    'positive integer',
    'non-negative integer',
    'float: 0 <= x <= 1',
    'float > 0.0',
    'integer: 1 <= x < 100',
    '< -5',
    'bool',
    'json',
    'string',
    'a|b|c',
    '[low, medium, high]',
    '',
    '-'.repeat(5000) + '|',
    'x'.repeat(3000) + ' | ' + '.'.repeat(3000) + '!',
    '1e999 <= x <= 1e999',
  ),
  fc.string({ maxLength: 80 }),
  fc
    .array(fc.oneof(fc.constantFrom('1', '2', '0.5'), fc.string({ maxLength: 8 })), { maxLength: 5 })
    .map((cs) => cs.join(' | ')),
);
const optionArb: fc.Arbitrary<NodeOption> = fc.record({
  name: fc.oneof(
    fc.constantFrom('feature-quality', 'mesh-size', 'dsm', 'pc-quality', 'fast-orthophoto'),
    fc.string({ maxLength: 12 }),
  ),
  type: fc.oneof(
    fc.constantFrom('int', 'integer', 'float', 'number', 'bool', 'boolean', 'enum', 'string', 'json', 'INT'),
    fc.string({ maxLength: 8 }),
  ),
  value: fc.string({ maxLength: 8 }),
  domain: fc.oneof(domainText, fc.array(fc.string({ maxLength: 10 }), { maxLength: 6 })),
  help: fc.string({ maxLength: 20 }),
});
const userValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('true', 'false', ' 3 ', '1e3', 'NaN', 'Infinity', '0x10', '', '0.5'),
  fc.double(),
  fc.integer(),
);

describe('fuzz: NodeODM options', () => {
  it('fuzz: any description and any values → values that pass their check, or InvalidOptionsError', () => {
    fc.assert(
      fc.property(
        fc.array(optionArb, { maxLength: 6 }),
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom('feature-quality', 'mesh-size', 'dsm'), fc.string({ maxLength: 12 })),
            userValue,
          ),
          {
            maxLength: 5,
          },
        ),
        (available, pairs) => {
          const started = Date.now();
          const values = pairs.map(([name, value]) => ({ name, value: value as string | number | boolean }));
          try {
            const out = validateOptions(available, values);
            expect(out).toHaveLength(values.length);
            for (const o of out) {
              const opt = [...available].reverse().find((a) => a.name === o.name)!;
              expect(checkValue(parseDomain(opt.type, opt.domain), o.value)).toBeUndefined();
            }
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(InvalidOptionsError);
            const err = e as InvalidOptionsError;
            expect(err.problems.length).toBeGreaterThan(0);
            for (const p of err.problems) expect(err.message).toContain(p.name);
          }
          expect(Date.now() - started).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('found by fuzzing', () => {
  it('the word "true" for a text option is sent as text, not turned into a boolean', () => {
    const available: NodeOption[] = [
      { name: 'label', type: 'string', value: '', domain: 'string', help: '' },
      { name: 'dsm', type: 'bool', value: 'false', domain: 'bool', help: '' },
    ];
    expect(validateOptions(available, { label: 'true', dsm: 'true' })).toEqual([
      { name: 'label', value: 'true' },
      { name: 'dsm', value: true },
    ]);
  });
});
