/**
 * Project names. With the public token anyone who knows a project's name can read it, so the name
 * is a secret: a readable prefix (from the set's folder or zip name, so people recognise it) plus
 * 100 random bits in lowercase Crockford base32 (no i, l, o, u: nothing to misread when copied).
 */
import { randomBytes } from 'node:crypto';
import { InvalidInputError } from '../errors.js';

export const SUFFIX_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 20 characters × 5 bits = 100 bits. */
export const SUFFIX_LENGTH = 20;
export const PREFIX_MAX = 40;
export const NAME_MAX = 80;

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  œ: 'oe',
  Œ: 'oe',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ð: 'd',
  Ð: 'd',
  ı: 'i',
};

/** 'Büste Ω (final).zip' → 'buste-final'; '' or only non-Latin script → 'scan'. */
export function slugPrefix(source: string): string {
  const base = (
    source
      .trim()
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? ''
  ).replace(/\.(zip|tar|tgz|tar\.gz|7z|rar)$/i, '');
  const latin = [...base]
    .map((ch) => SPECIAL[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, ''); // combining marks: é → e
  let slug = latin
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > PREFIX_MAX) slug = slug.slice(0, PREFIX_MAX).replace(/-+$/, '');
  return slug === '' ? 'scan' : slug;
}

/** Lowercase Crockford base32 of the first SUFFIX_LENGTH × 5 bits of `bytes`. */
export function randomSuffix(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(Math.ceil((SUFFIX_LENGTH * 5) / 8));
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < SUFFIX_LENGTH) {
      out += SUFFIX_ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (out.length < SUFFIX_LENGTH) throw new Error('randomSuffix: the random source returned too few bytes');
  return out;
}

export function makeProjectName(prefixSource: string, random: (n: number) => Buffer = randomBytes): string {
  return `${slugPrefix(prefixSource)}-${randomSuffix(random)}`;
}

/** The readable prefix a set suggests: from its first folder or zip ("~/scans/Owl figurine.zip" → "owl-figurine"). */
export function suggestedPrefix(paths: readonly string[]): string {
  return slugPrefix(paths[0] ?? '');
}

/**
 * The one derivation of a job's project name (app, web mode and CLI). The public token makes a
 * project readable by anyone who knows its name, so a name without an unguessable suffix (the user
 * edited it away, or gave only a prefix) gets one.
 */
export function projectNameFor(req: { paths: readonly string[]; name?: string | undefined }): string {
  const wanted = req.name?.trim();
  if (wanted && hasRandomSuffix(wanted)) return validateProjectName(wanted);
  return makeProjectName(wanted || suggestedPrefix(req.paths));
}

/** True when the name ends with a suffix like ours; a name without one can be guessed. */
export function hasRandomSuffix(name: string): boolean {
  return new RegExp(`-[${SUFFIX_ALPHABET}]{${SUFFIX_LENGTH}}$`).test(name);
}

/**
 * Checks a name the user typed or edited; returns it trimmed or throws InvalidInputError saying what
 * to change. Letters, digits, '-', '_' and '.', starting with a letter or digit, at most NAME_MAX.
 */
export function validateProjectName(name: string): string {
  const n = name.trim();
  if (n === '')
    throw new InvalidInputError('The project name is empty.', 'Keep the suggested name, or type one.', {
      detail: 'nameEmpty',
      params: {},
    });
  if (n.length > NAME_MAX) {
    throw new InvalidInputError(
      `The project name is ${n.length} characters long; at most ${NAME_MAX} are allowed.`,
      'Shorten the readable part.',
      { detail: 'nameTooLong', params: { limit: NAME_MAX } },
    );
  }
  const bad = [...new Set([...n].filter((ch) => !/[A-Za-z0-9._-]/.test(ch)))];
  if (bad.length > 0) {
    const shown = bad.map((ch) => (ch === ' ' ? 'space' : `"${ch}"`)).join(', ');
    throw new InvalidInputError(
      `The project name contains characters that are not allowed: ${shown}.`,
      "Use only letters a–z, digits, '-', '_' and '.'.",
      { detail: 'nameChars', params: { chars: bad.map((ch) => (ch === ' ' ? '␣' : ch)).join(' ') } },
    );
  }
  if (!/^[A-Za-z0-9]/.test(n))
    throw new InvalidInputError('The project name must start with a letter or a digit.', undefined, {
      detail: 'nameStart',
      params: {},
    });
  return n;
}
