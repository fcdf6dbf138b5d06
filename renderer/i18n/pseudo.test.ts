import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { pseudoCatalogue, pseudoFromUrl, pseudoString } from './pseudo.js';

describe('en-XA pseudo-locale', () => {
  it('accents every ASCII letter, brackets the string and pads it by ~40 %', () => {
    const p = pseudoString('Settings');
    expect(p).toBe('[Šéţţîñĝš ····]');
    expect(p.slice(1, -1)).not.toMatch(/[A-Za-z]/);
    const long = pseudoString('Download the model when it is done');
    expect(long.length).toBeGreaterThanOrEqual(Math.round('Download the model when it is done'.length * 1.4));
  });

  it('keeps placeholders, nesting and tags as they are', () => {
    expect(pseudoString('{{count}} photos of {{name}}')).toMatch(
      /^\[\{\{count\}\} þĥöţöš öƒ \{\{name\}\} ·+/,
    );
    expect(pseudoString('See $t(nav.log)')).toContain('$t(nav.log)');
    expect(pseudoString('<b>Bold</b>')).toContain('<b>Ɓöļð</b>');
  });

  it('pads in word-sized groups, so long strings still wrap', () => {
    const p = pseudoString('x'.repeat(100));
    expect(p).toMatch(/ ······ /);
    expect(p).not.toMatch(/·{7}/);
  });

  it('maps the whole catalogue with the same keys', () => {
    const xa = pseudoCatalogue(en);
    expect(Object.keys(xa)).toEqual(Object.keys(en));
    expect(xa.settings.title).toBe(pseudoString(en.settings.title));
  });

  it('is chosen only by ?lang=en-XA', () => {
    expect(pseudoFromUrl('?s=abc&lang=en-XA')).toBe('en-XA');
    expect(pseudoFromUrl('?lang=de')).toBeUndefined();
    expect(pseudoFromUrl('')).toBeUndefined();
  });
});
