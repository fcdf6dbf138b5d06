/**
 * Checks on what a caller passes in, before anything is sent: a typo in a token, an address or a
 * part count fails at once, locally, and says what to change.
 */
import { InvalidInputError, InvalidTokenError } from '../errors.js';
import { MAX_PART_SIZE } from '../../contract/schemas.js';
import type { CreateProjectParams } from './types.js';

export function normaliseBaseUrl(raw: string): string {
  const s = raw.trim();
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
  } catch {
    throw new InvalidInputError(
      `"${s}" is not a valid server address.`,
      'Use a form like http://host:1334.',
      {
        detail: 'address',
        params: { address: s },
      },
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new InvalidInputError(
      `The server address must start with http:// or https:// (got ${u.protocol}).`,
      undefined,
      { detail: 'address', params: { address: s } },
    );
  }
  if (u.username || u.password || u.search || u.hash) {
    throw new InvalidInputError(
      'The server address must not contain credentials, a query or a fragment.',
      undefined,
      { detail: 'addressParts', params: {} },
    );
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function checkToken(token: string): string {
  const t = (token ?? '').trim();
  if (t === '')
    throw new InvalidInputError('No token was given.', 'Paste your OpenScan Cloud token, or request one.', {
      detail: 'tokenEmpty',
      params: {},
    });
  if (/\s/.test(t)) {
    throw new InvalidTokenError(
      'The token contains a space or a line break.',
      'It was probably copied with extra text; paste the token alone.',
      { detail: 'whitespace', params: {} },
    );
  }
  return t;
}

export function checkProject(project: string): string {
  const p = (project ?? '').trim();
  if (p === '')
    throw new InvalidInputError('No project name was given.', undefined, { detail: 'nameEmpty', params: {} });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (p.length > 200 || /[\u0000-\u001f\u007f/\\]/.test(p)) {
    throw new InvalidInputError(
      'The project name must be at most 200 characters, without slashes or control characters.',
      undefined,
      { detail: 'cloudName', params: { limit: 200 } },
    );
  }
  return p;
}

export function checkCreate(c: CreateProjectParams): void {
  const whole = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!whole(c.photos, 1))
    throw new InvalidInputError(`The photo count must be a whole number ≥ 1 (got ${c.photos}).`);
  if (!whole(c.parts, 1))
    throw new InvalidInputError(`The part count must be a whole number ≥ 1 (got ${c.parts}).`);
  if (!whole(c.filesize, 1))
    throw new InvalidInputError(`The file size must be a whole number of bytes ≥ 1 (got ${c.filesize}).`);
  if (c.parts * MAX_PART_SIZE < c.filesize) {
    throw new InvalidInputError(
      `${c.parts} part(s) cannot hold ${c.filesize} bytes: a part is at most ${MAX_PART_SIZE} bytes.`,
      `Use at least ${Math.ceil(c.filesize / MAX_PART_SIZE)} parts.`,
    );
  }
}
