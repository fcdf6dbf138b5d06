import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Inside, redact, secretForms } from './redact.js';

const TOKEN = 'Tk+/x=Zq9 "é\\end';

describe('redact: every form of the token', () => {
  it.each([
    ['literal', TOKEN],
    ['URL-encoded (as a server echoes the query)', encodeURIComponent(TOKEN)],
    [
      'URL-encoded, lower-case hex',
      encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ['form-encoded (+ for space)', new URLSearchParams({ t: TOKEN }).toString().slice(2)],
    ['base64', Buffer.from(TOKEN).toString('base64')],
    ['base64url', Buffer.from(TOKEN).toString('base64url')],
    ['JSON-escaped', JSON.stringify(TOKEN).slice(1, -1)],
    ['upper-cased', TOKEN.toUpperCase()],
  ])('%s', (_form, shown) => {
    const out = redact(`error: bad token "${shown}" (try again)`, [TOKEN]);
    expect(out).toContain('***');
    expect(out).not.toContain(shown);
    expect(out).toMatch(/^error: bad token ".*" \(try again\)$/);
  });

  it('a URL-encoded token inside a JSON reply, as the hostile server sends it', () => {
    const reply = JSON.stringify({
      error: `unknown token ${encodeURIComponent(TOKEN)}`,
      url: `/x?token=${TOKEN}`,
    });
    const out = redact(reply, [TOKEN]);
    for (const f of secretForms(TOKEN)) expect(out.toLowerCase()).not.toContain(f.toLowerCase());
  });

  it('property: no form of any token survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 5 }),
        (token, before, after, which) => {
          const forms = [
            token,
            encodeURIComponent(token),
            Buffer.from(token).toString('base64'),
            JSON.stringify(token).slice(1, -1),
            token.toUpperCase(),
            token.toLowerCase(),
          ];
          const form = forms[which] as string;
          const out = redact(`${before}${form}${after}`, [token]);
          return !out.includes(form) || form.length < 4;
        },
      ),
      { numRuns: 500 },
    );
  });

  /** Does any base64 run left in `text` still decode (at any of its 4 character offsets) to the secret? */
  const decodesTo = (text: string, secret: string): boolean =>
    (text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []).some((run) =>
      [0, 1, 2, 3].some((o) => Buffer.from(run.slice(o), 'base64').includes(Buffer.from(secret))),
    );

  it.each([
    ['Basic base64(user:token), token at byte 5', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
    ['Basic base64(me:token), token at byte 3', `Basic ${Buffer.from(`me:${TOKEN}`).toString('base64')}`],
    [
      'raw bytes around it, base64url',
      Buffer.concat([Buffer.from([1, 2, 3, 4]), Buffer.from(TOKEN), Buffer.from([9])]).toString('base64url'),
    ],
  ])('base64 with the token inside longer data: %s', (_form, shown) => {
    expect(decodesTo(shown, TOKEN)).toBe(true); // the check itself finds the token before redaction
    const out = redact(`Authorization: ${shown}`, [TOKEN]);
    expect(out).toContain('***');
    expect(decodesTo(out, TOKEN)).toBe(false);
  });

  it('property: a token at any byte offset of any base64 or base64url blob does not survive', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.uint8Array({ maxLength: 12 }),
        fc.uint8Array({ maxLength: 12 }),
        fc.boolean(),
        (token, before, after, url) => {
          const blob = Buffer.concat([before, Buffer.from(token), after]).toString(
            url ? 'base64url' : 'base64',
          );
          return !decodesTo(redact(`x ${blob} y`, [token]), token);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('base64Inside: one stable run per alignment, none for a token too short to tell apart', () => {
    expect(base64Inside('abcdefghijkl')).toHaveLength(3);
    expect(base64Inside('abc')).toEqual([]);
  });

  it('leaves text without the token alone', () => {
    expect(redact('all fine', [TOKEN])).toBe('all fine');
  });
});
