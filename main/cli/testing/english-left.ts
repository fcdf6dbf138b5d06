/**
 * English catalogue sentences left in a German text: the literal pieces of every English string
 * (between its {{placeholders}}, line by line) that say something (two words or more, or a heading
 * such as "Usage:") and that German does not say the same way (command lines, product names). A
 * German string that is a mere copy of its English one is no evidence that German says it so: its
 * pieces still count as English (that is how an untranslated string is caught).
 */
type Tree = { [k: string]: unknown };

function pairs(
  en: unknown,
  de: unknown,
  out: [string, string | undefined][] = [],
): [string, string | undefined][] {
  if (typeof en === 'string') out.push([en, typeof de === 'string' ? de : undefined]);
  else if (en && typeof en === 'object')
    for (const [k, v] of Object.entries(en))
      pairs(v, de && typeof de === 'object' ? (de as Tree)[k] : undefined, out);
  return out;
}

function leaves(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (x && typeof x === 'object') return Object.values(x).flatMap(leaves);
  return [];
}

/** `sources`: [English subtree, its German subtree] pairs; `german`: the whole German catalogue. */
export function englishFragments(
  sources: [unknown, unknown][],
  german: object,
  same: string[] = [],
): string[] {
  const all = sources.flatMap(([e, d]) => pairs(e, d));
  const copies = new Set(all.filter(([e, d]) => e === d && !same.includes(e)).map(([e]) => e));
  const germanText = leaves(german)
    .filter((s) => !copies.has(s))
    .join('\n');
  const pieces = all
    .map(([e]) => e)
    .flatMap((s) => s.split(/\{\{[^}]*\}\}|\n/))
    .map((p) => p.trim().replace(/^[(,;:.\s]+|[)\s]+$/g, ''))
    .filter((p) => (/\S\s+\S/.test(p) && /[a-z]{2}/i.test(p)) || /^[A-Z][a-z]+( [A-Z][a-z]+)?:$/.test(p))
    .filter((p) => !germanText.includes(p));
  return [...new Set(pieces)];
}

export function englishLeftIn(
  text: string,
  sources: [unknown, unknown][],
  german: object,
  same: string[] = [],
): string[] {
  return englishFragments(sources, german, same).filter((p) => text.includes(p));
}
