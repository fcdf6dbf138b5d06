import { describe, expect, it } from 'vitest';
import {
  ERROR_DETAILS,
  ErrorCodeSchema,
  SerializedErrorSchema,
  errorCodeKey,
  type ErrorCode,
} from '../contract/index.js';
import {
  LimitExceededError,
  NoTokenError,
  ProjectNotFoundError,
  ScanBridgeError,
  ServerError,
  SourceChangedError,
} from './errors.js';
import { classifyReply } from './cloud/classify.js';
import { listDirectory } from './service/directory.js';
import { describeNetworkFailure } from './cloud/transport.js';
import { de } from '../../renderer/i18n/de.js';
import { en } from '../../renderer/i18n/en.js';
import { errorSentences } from '../../renderer/i18n/format-error.js';
import { translator } from '../../renderer/i18n/testing/translator.js';

type Tree = Record<string, unknown>;
const CATALOGUES = { en, de } as const;

/** The placeholder names of a catalogue string: `{{name}}` and `{{name, format}}`. */
const placeholders = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? ''))].sort();

/** A detail's sentence and its plural forms (`photos`, or `photos_one` + `photos_other`). */
function forms(block: Tree | undefined, detail: string): string[] {
  if (!block) return [];
  return Object.entries(block)
    .filter(([k]) => k === detail || k.startsWith(`${detail}_`))
    .map(([, v]) => String(v));
}

describe('error codes in the catalogues', () => {
  const codes = ErrorCodeSchema.options as ErrorCode[];

  for (const lang of ['en', 'de'] as const) {
    it(`${lang}: every code has a title and every detail a sentence with exactly its params`, () => {
      const cat = CATALOGUES[lang] as unknown as { errors: Tree; errorDetail: Record<string, Tree> };
      const problems: string[] = [];
      for (const code of codes) {
        const key = errorCodeKey(code);
        if (typeof cat.errors[key] !== 'string') problems.push(`errors.${key} missing`);
        const details = ERROR_DETAILS[code] as Record<string, readonly string[]>;
        for (const [detail, params] of Object.entries(details)) {
          const texts = forms(cat.errorDetail[key], detail);
          if (texts.length === 0) problems.push(`errorDetail.${key}.${detail} missing`);
          for (const text of texts) {
            const have = placeholders(text);
            if (have.join() !== [...params].sort().join())
              problems.push(
                `errorDetail.${key}.${detail}: {${have.join()}} ≠ params {${[...params].sort().join()}}`,
              );
          }
        }
      }
      // And nothing in the catalogue that no error carries (a detail renamed in one place only).
      for (const [key, block] of Object.entries(cat.errorDetail)) {
        const code = codes.find((c) => errorCodeKey(c) === key);
        if (!code) problems.push(`errorDetail.${key}: no such code`);
        for (const k of Object.keys(block)) {
          const detail = k.replace(/_(zero|one|two|few|many|other)$/, '');
          if (code && !Object.hasOwn(ERROR_DETAILS[code], detail))
            problems.push(`errorDetail.${key}.${k}: no such detail`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('the check itself fails on a missing sentence or a placeholder that is not a param', () => {
    expect(forms({ photos_one: 'x', photos_other: 'y' }, 'photos')).toHaveLength(2);
    expect(forms({ filesize: 'x' }, 'photos')).toEqual([]);
    expect(placeholders('{{size, bytes}} of {{limit,bytes}} for {{ name }}')).toEqual([
      'limit',
      'name',
      'size',
    ]);
  });
});

describe('an error said from its code and params', () => {
  it('no token at all is said as such (its own title), not as "this token is not known"', async () => {
    const wire = new NoTokenError().toJSON();
    expect(errorSentences(await translator('de'), wire)).toEqual({
      title: de.errorTitle.invalidToken.none,
      detail: de.errorDetail.invalidToken.none,
    });
    expect(errorSentences(await translator('en'), wire).title).toBe(en.errorTitle.invalidToken.none);
    // Every own title names a detail that exists.
    for (const [key, block] of Object.entries({ ...en.errorTitle, ...de.errorTitle }))
      for (const detail of Object.keys(block)) {
        const code = (ErrorCodeSchema.options as ErrorCode[]).find((c) => errorCodeKey(c) === key);
        expect(code && Object.hasOwn(ERROR_DETAILS[code], detail), `${key}.${detail}`).toBe(true);
      }
  });

  it('a set over the photo limit, in German: the figures, German digits, no English', async () => {
    const err = new LimitExceededError('1234 photos is 234 over your limit of 1000 photos per project.', [
      { what: 'photos', limit: 1000, actual: 1234 },
    ]).toJSON();
    const wire = SerializedErrorSchema.parse(JSON.parse(JSON.stringify(err)));
    expect(wire).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      detail: 'photos',
      params: { count: 1234, limit: 1000 },
    });
    const said = errorSentences(await translator('de'), wire);
    expect(said.title).toBe(de.errors.limitExceeded);
    expect(said.detail).toContain('1.234 Fotos');
    expect(said.detail).toContain('1.000 Fotos pro Projekt');
    expect(said.detail).not.toMatch(/photos|limit/);
    const english = errorSentences(await translator('en'), wire);
    expect(english.detail).toContain('1,234 photos');
  });

  it('sizes through Intl, credit as INSUFFICIENT_CREDIT', async () => {
    const err = new LimitExceededError('short', [{ what: 'credit', limit: 4_580_000, actual: 12_345_678 }]);
    expect(err.code).toBe('INSUFFICIENT_CREDIT');
    const said = errorSentences(await translator('de'), err.toJSON());
    expect(said.detail).toContain('12,3 MB');
    expect(said.detail).toContain('4,58 MB');
  });

  it('a server’s words: sanitised, URL secrets cut, bounded, said inside the German sentence', async () => {
    const said = `bad\u001b[2J things at https://x.example/up?token=SECRET123&a=1 ${'z'.repeat(900)}`;
    const { error } = classifyReply(
      { endpoint: 'startProject', host: 'cloud.example', project: 'p1' },
      { status: 400, body: JSON.stringify({ error: said }), contentType: 'application/json' },
    ) as { error: ScanBridgeError };
    const wire = SerializedErrorSchema.parse(error.toJSON());
    expect(wire.detail).toBe('said');
    const text = String(wire.params?.said);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('SECRET123');
    expect(text.length).toBeLessThanOrEqual(500);
    const de_ = errorSentences(await translator('de'), wire);
    expect(de_.detail).toMatch(/^Der Server hat die Anfrage abgelehnt\. Meldung: „bad things/);
  });

  it('names and statuses: a vanished project, a changed photo, a failing server', async () => {
    const t = await translator('de');
    expect(errorSentences(t, new ProjectNotFoundError('scan-7f3a').toJSON()).detail).toContain('„scan-7f3a“');
    expect(errorSentences(t, new SourceChangedError('set/IMG_1.jpg', 'modified').toJSON()).detail).toContain(
      '„set/IMG_1.jpg“ wurde',
    );
    expect(errorSentences(t, new ServerError('x', 503).toJSON()).detail).toContain('HTTP 503');
    expect(errorSentences(t, new ServerError('x').toJSON()).detail).toBeUndefined();
  });

  it('a path that does not exist, in German, with the path', async () => {
    const missing = '/gibt/es/nicht-7c1';
    const e = (await listDirectory(missing).catch((x: unknown) => x)) as ScanBridgeError;
    const said = errorSentences(await translator('de'), SerializedErrorSchema.parse(e.toJSON()));
    expect(said.detail).toBe(
      `„${missing}“ gibt es nicht. Prüfen Sie den Pfad oder wählen Sie den Ordner erneut.`,
    );
  });

  it('a server that cannot be reached, in German, naming it (and the timeout in German digits)', async () => {
    const t = await translator('de');
    const where = new URL('https://cloud.example:8443/getTokenInfo?token=abc');
    const o = { connectTimeoutMs: 12_500, responseTimeoutMs: 30_000, auth: { username: 'u', password: 'p' } };
    const refused = describeNetworkFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), where, o);
    expect(errorSentences(t, refused.toJSON()).detail).toMatch(/^Unter cloud\.example:8443 nimmt niemand/);
    const slow = describeNetworkFailure(
      Object.assign(new Error('x'), { code: 'SB_CONNECT_TIMEOUT' }),
      where,
      o,
    );
    expect(slow.code).toBe('TIMEOUT');
    expect(errorSentences(t, slow.toJSON()).detail).toContain('innerhalb von 12,5 s');
    expect(JSON.stringify(refused.toJSON())).not.toContain('abc');
  });

  it('a detail whose params do not match is not said (the title alone)', async () => {
    const t = await translator('de');
    const wire = { code: 'LIMIT_EXCEEDED', message: 'x', detail: 'photos', params: { count: 3 } };
    expect(errorSentences(t, wire)).toEqual({ title: de.errors.limitExceeded });
    expect(errorSentences(t, { ...wire, detail: 'nope', params: {} })).toEqual({
      title: de.errors.limitExceeded,
    });
  });
});
