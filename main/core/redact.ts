/**
 * Secrets never reach logs, errors or the UI. Every string that might hold a token (URLs, error
 * messages, server replies) goes through these before it leaves the module that knows the token.
 */
const SECRET_PARAMS = ['token', 'access_token', 'secret', 'password', 'key'];

/** Replaces the values of secret query parameters (token=…) in any text containing URLs. */
export function redactUrl(text: string): string {
  const names = SECRET_PARAMS.join('|');
  return text.replace(new RegExp(`([?&](?:${names})=)[^&#\\s"']*`, 'gi'), '$1***');
}

/**
 * Every form a secret can take on its way back to us: as sent, URL-encoded (a server echoing the
 * query, `Tk%2B%2F…`, in either hex case, `+` or `%20` for spaces), base64 and base64url (a Basic auth
 * header or a token inside a JWT-ish blob), and JSON-escaped (`\/` for `/`, `\uXXXX`). Matched in any
 * letter case: a server that upper-cases what it echoes must not leak it either.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const enc = encodeURIComponent(secret);
  forms.add(enc);
  forms.add(enc.replace(/%20/g, '+'));
  forms.add(new URLSearchParams({ t: secret }).toString().slice(2));
  forms.add(encodeURIComponent(enc)); // encoded twice (a URL inside a URL)
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  forms.add(b64);
  forms.add(b64.replace(/=+$/, ''));
  forms.add(Buffer.from(secret, 'utf8').toString('base64url'));
  for (const inner of base64Inside(secret)) {
    forms.add(inner);
    forms.add(inner.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'));
  forms.add(
    [...secret]
      .map((c) => (/[A-Za-z0-9]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
      .join(''),
  );
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * The base64 text a secret turns into when it sits inside longer data (`Basic base64(user:token)`, a
 * token in a JSON blob that is then base64-encoded): base64 cuts bytes in groups of three, so the
 * secret starts at one of three alignments, and each gives a different run of characters. Per
 * alignment, only the characters whose 6 bits all come from the secret are stable (the first and last
 * ones mix in the neighbouring bytes): those runs are what to look for.
 */
export function base64Inside(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const runs: string[] = [];
  for (const shift of [0, 1, 2]) {
    const text = Buffer.concat([Buffer.alloc(shift), bytes, Buffer.alloc(2)]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    const run = text.slice(first, end);
    // Short runs would match innocent base64 by chance; a token is far longer than this.
    if (run.length >= 6) runs.push(run);
  }
  return runs;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes every occurrence of the given secrets, in every form (see secretForms), then secret query parameters. */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    const pattern = secretForms(s).map(escapeRegExp).join('|');
    out = out.replace(new RegExp(pattern, 'gi'), '***');
  }
  return redactUrl(out);
}

/** A token as the UI may show it: first and last characters, the rest masked. */
export function maskToken(token: string): string {
  const t = token.trim();
  if (t.length <= 8) return '•'.repeat(t.length);
  return `${t.slice(0, 3)}${'•'.repeat(6)}${t.slice(-3)}`;
}
