import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SerializedError } from '../core/errors.js';
import { de } from '../../renderer/i18n/de.js';
import { cliLanguage } from './cli-language.js';
import { runCli } from './testing/run-cli.js';

describe('the CLI language', () => {
  it('follows settings.language, else LC_ALL, LC_MESSAGES, LANG', () => {
    expect(cliLanguage('de', { LANG: 'en_US.UTF-8' })).toBe('de');
    expect(cliLanguage('en', { LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(cliLanguage('system', { LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(cliLanguage(undefined, { LANG: 'de_AT' })).toBe('de');
    expect(cliLanguage(undefined, { LC_ALL: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(cliLanguage(undefined, { LC_MESSAGES: 'de_CH.UTF-8', LANG: 'C' })).toBe('de');
    expect(cliLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLanguage(undefined, { LANG: 'dev' })).toBe('en');
    expect(cliLanguage(undefined, {})).toBe('en');
  });
});

describe('the built command in German', () => {
  it('prints the error in German under LANG=de_DE.UTF-8, in English under LANG=C', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-cli-de-'));
    try {
      const missing = path.join(dataDir, 'gibt-es-nicht');
      const de_ = await runCli(['upload', missing, '--json'], { dataDir, env: { LANG: 'de_DE.UTF-8' } });
      expect(de_.code).not.toBe(0);
      const { error } = JSON.parse(de_.stdout.trim().split('\n').pop()!) as { error: SerializedError };
      // No token is set: said as that (its own title), not as the code's "this token is not known".
      expect(error).toMatchObject({ code: 'INVALID_TOKEN', detail: 'none' });
      expect(de_.stderr).toContain(`Fehler: ${de.errorTitle.invalidToken.none}`);
      expect(de_.stderr).toContain(de.errorDetail.invalidToken.none);
      expect(de_.stderr).not.toContain(de.errors.invalidToken);
      expect(de_.stderr).not.toMatch(/\berror:/);
      const en = await runCli(['upload', missing], { dataDir, env: { LANG: 'C' } });
      expect(en.code).toBe(de_.code);
      expect(en.stderr).toMatch(/^error: /m);
      expect(en.stderr).not.toContain('Fehler');
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
