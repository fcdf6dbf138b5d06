/**
 * The pseudo-locale en-XA, made from the English catalogue at run time: every letter accented, every
 * string ~40 % longer and bracketed ("Settings" → "[Šéţţîñĝš ····]"). A text on screen without the
 * brackets and accents bypassed the catalogue; a layout that breaks with the padding breaks in German
 * too. Placeholders ({{name}}), i18next nesting ($t(key)) and tags stay as they are. Dev/test only:
 * chosen with ?lang=en-XA in the page URL, never offered in Settings.
 */
export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [
    ...'AÅBƁCÇDÐEÉFƑGĜHĤIÎJĴKĶLĻMṀNÑOÖPÞQǪRŔSŠTŢUÛVṼWŴXẊYÝZŽ'.match(/../gu)!,
    ...'aábƀcçdðeéfƒgĝhĥiîjĵkķlļmɱnñoöpþqǫrŕsštţuûvṽwŵxẋyýzž'.match(/../gu)!,
  ].map((pair) => [pair[0]!, pair.slice(1)]),
);

/** What must survive untouched: placeholders, nesting, tags. */
const KEEP = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>)/;

/** Groups of at most this many dots, so the padding wraps like words (German compounds are ~25 letters). */
const PAD_WORD = 6;

export function pseudoString(s: string): string {
  const parts = s.split(KEEP);
  let letters = 0;
  const body = parts
    .map((p, i) => {
      if (i % 2 === 1) return p;
      letters += p.length;
      return [...p].map((c) => ACCENTED[c] ?? c).join('');
    })
    .join('');
  const pad = Math.max(1, Math.ceil(letters * 0.4));
  const words: string[] = [];
  for (let left = pad; left > 0; left -= PAD_WORD) words.push('·'.repeat(Math.min(PAD_WORD, left)));
  return `[${body} ${words.join(' ')}]`;
}

/** The whole catalogue, same keys (plural suffixes included), every string pseudo-localised. */
export function pseudoCatalogue<T extends object>(catalogue: T): T {
  const walk = (o: unknown): unknown =>
    typeof o === 'string'
      ? pseudoString(o)
      : typeof o === 'object' && o !== null
        ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v)]))
        : o;
  return walk(catalogue) as T;
}

/** The dev/test override from the page URL (`?lang=en-XA`), else undefined. */
export function pseudoFromUrl(search: string): typeof PSEUDO_LOCALE | undefined {
  return new URLSearchParams(search).get('lang') === PSEUDO_LOCALE ? PSEUDO_LOCALE : undefined;
}
