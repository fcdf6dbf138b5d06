/**
 * An error's specifics as the built `scanbridge` command prints them in German: the core sends code +
 * detail + params (main/contract/error-details.ts), the CLI says them from the catalogue (output-error.ts)
 * — here a folder without photos, with the files it looked at counted by reason — and in English the
 * core's own sentence as before. The exit code is the code's (6: our input).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../renderer/i18n/de.js';
import { cliFixture, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli } from './testing/run-cli.js';

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

async function noPhotos(): Promise<string> {
  const dir = path.join(await f.dataDir(), 'Ohne-Fotos');
  await mkdir(dir);
  await writeFile(path.join(dir, 'notizen.txt'), 'Notizen\n'.repeat(40));
  await writeFile(path.join(dir, 'leer.jpg'), '');
  await writeFile(path.join(dir, 'leer2.png'), '');
  return dir;
}

describe('errors with their specifics from the built command', () => {
  it('no photos found, in German: the files looked at counted by reason, exit 6', async () => {
    const dir = await noPhotos();
    const r = await runCli(['--endpoint', f.stub.url, 'upload', dir], {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: TOKEN, LANG: 'de_DE.UTF-8' },
    });
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toContain(`Fehler: ${de.errors.invalidInput}`);
    expect(r.stderr).toContain(
      `In „${dir}“ wurden keine Fotos gefunden. 3 Dateien geprüft: 2 sind leer und 1 ist kein Foto (z. B. `,
    );
    expect(r.stderr).not.toMatch(/No photos found|files? (skipped|not accepted)|empty file/);
  });

  it('the same in English: the core’s sentence naming the files and their reasons', async () => {
    const dir = await noPhotos();
    const r = await runCli(['--endpoint', f.stub.url, 'upload', dir], {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: TOKEN },
    });
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toMatch(/No photos found in ".*Ohne-Fotos": 3 files skipped: /);
    expect(r.stderr).not.toMatch(/Dateien|wurden keine|geprüft/);
  });
});
