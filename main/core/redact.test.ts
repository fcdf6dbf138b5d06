import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, secretForms } from './redact.js';

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

  it('leaves text without the token alone', () => {
    expect(redact('all fine', [TOKEN])).toBe('all fine');
  });
});
