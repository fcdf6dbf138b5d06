import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import {
  SUFFIX_ALPHABET,
  hasRandomSuffix,
  makeProjectName,
  randomSuffix,
  slugPrefix,
  validateProjectName,
} from './project-name.js';

describe('slugPrefix', () => {
  it('makes a readable ASCII prefix from a folder or zip name', () => {
    expect(slugPrefix('/home/ana/Scans/Büste Ω (final).zip')).toBe('buste-final');
    expect(slugPrefix('C:\\Users\\ana\\Straße_Ærø/')).toBe('strasse-aero');
    expect(slugPrefix('/data/IMG set 2024.v2')).toBe('img-set-2024-v2');
    expect(slugPrefix('写真')).toBe('scan');
    expect(slugPrefix('')).toBe('scan');
    const long = slugPrefix('a'.repeat(30) + ' ' + 'b'.repeat(30));
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^a{30}-b{9}$/);
    expect(slugPrefix('x'.repeat(39) + '-yyy')).toBe('x'.repeat(39)); // never ends with '-'
  });
});

describe('makeProjectName', () => {
  it('adds a 100-bit suffix in unambiguous lowercase base32', () => {
    const name = makeProjectName('/scans/Owl Statue');
    expect(name).toMatch(/^owl-statue-[0-9a-hjkmnp-tv-z]{20}$/);
    expect(hasRandomSuffix(name)).toBe(true);
    expect(SUFFIX_ALPHABET).not.toMatch(/[ilou]/);
    expect(new Set(SUFFIX_ALPHABET).size).toBe(32);
  });

  it('uses every bit of the random source it is given', () => {
    expect(randomSuffix((n) => Buffer.alloc(n, 0))).toBe('0'.repeat(20));
    expect(randomSuffix((n) => Buffer.alloc(n, 0xff))).toBe('z'.repeat(20));
    // 0x08 0x86 0x42 = 00001 00010 00011 00100 0010… → '1', '2', '3', '4'
    expect(
      randomSuffix((n) => Buffer.concat([Buffer.from([0x08, 0x86, 0x42]), Buffer.alloc(n - 3)])).slice(0, 4),
    ).toBe('1234');
    expect(() => randomSuffix(() => Buffer.alloc(2))).toThrow(/too few bytes/);
  });

  it('does not repeat', () => {
    const names = new Set(Array.from({ length: 2000 }, () => makeProjectName('set', randomBytes)));
    expect(names.size).toBe(2000);
  });
});

describe('validateProjectName', () => {
  it('accepts what we generate and trims', () => {
    const n = makeProjectName('My Set');
    expect(validateProjectName(`  ${n} `)).toBe(n);
    expect(validateProjectName('Scan_2024.v2')).toBe('Scan_2024.v2');
  });

  it('explains what is wrong', () => {
    const msg = (s: string): string => {
      try {
        validateProjectName(s);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(msg('   ')).toBe('The project name is empty.');
    expect(msg('a'.repeat(81))).toBe('The project name is 81 characters long; at most 80 are allowed.');
    expect(msg('my scan/ü')).toBe(
      'The project name contains characters that are not allowed: space, "/", "ü".',
    );
    expect(msg('-scan')).toBe('The project name must start with a letter or a digit.');
  });
});

describe('fuzz: project names', () => {
  const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
  const numRuns = Number(process.env.FUZZ_RUNS) || 300; // unset or empty: 300
  // Separators, accents, scripts, emoji, combining marks and control characters, mixed.
  const tricky = fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    '-',
    '_',
    '.',
    '/',
    '\\',
    'ß',
    'é',
    'Æ',
    'Ω',
    '写',
    '😀',
    '\u0301',
    '\0',
    '\n',
    ':',
  );
  const NAMEISH = fc
    .array(fc.oneof(tricky, fc.string({ maxLength: 3, unit: 'binary' })), { maxLength: 60 })
    .map((parts) => parts.join(''));

  it('fuzz: every prefix is a short ASCII slug and every generated name validates', () => {
    fc.assert(
      fc.property(NAMEISH, (s) => {
        const slug = slugPrefix(s);
        if (!SLUG.test(slug)) throw new Error(`bad slug ${JSON.stringify(slug)} from ${JSON.stringify(s)}`);
        const name = makeProjectName(s);
        if (validateProjectName(name) !== name) throw new Error(`generated name ${name} does not validate`);
      }),
      { numRuns },
    );
  });
});
