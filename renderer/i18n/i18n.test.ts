import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
function placeholders(o: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (x: object, p: string) => {
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'object' && v !== null) walk(v as object, `${p}${k}.`);
      else out[`${p}${k}`] = [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    }
  };
  walk(o, '');
  return out;
}

describe('translations', () => {
  it('German has every English key and nothing else', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });
  it('German keeps every placeholder of the English string', () => {
    expect(placeholders(de)).toEqual(placeholders(en));
  });
  it('German says Sie, never du', () => {
    const du = [...Object.entries(placeholders(de))]
      .map(([k]) => k)
      .filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], de);
        return /\b(du|dein\w*|dich|dir)\b/i.test(String(v));
      });
    expect(du).toEqual([]);
  });
  it('no string is left empty', () => {
    const blanks = keys(en).filter((k) => {
      const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], de);
      return typeof v !== 'string' || v.trim() === '';
    });
    expect(blanks).toEqual([]);
  });
});
