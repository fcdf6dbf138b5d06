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

/** Removes every occurrence of the given secrets, then secret query parameters. */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return redactUrl(out);
}

/** A token as the UI may show it: first and last characters, the rest masked. */
export function maskToken(token: string): string {
  const t = token.trim();
  if (t.length <= 8) return '•'.repeat(t.length);
  return `${t.slice(0, 3)}${'•'.repeat(6)}${t.slice(-3)}`;
}
