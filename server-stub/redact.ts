/**
 * The stub's own log scrubber. The stub stands for a foreign server, so it shares no code with the
 * client it tests (a bug in the client's redaction must not hide itself in the stub's logs too).
 */
const SECRET_QUERY = /([?&](?:token|access_token|secret|password|key)=)[^&#\s"']*/gi;

/** Hides the given secrets (4+ characters) and the values of secret query parameters. */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  const known = secrets.filter((s): s is string => !!s && s.length >= 4);
  return known.reduce((out, s) => out.split(s).join('***'), text).replace(SECRET_QUERY, '$1***');
}
