/**
 * The job log's lines as the built command prints them, in the CLI's language: said from the
 * catalogue by code + params (renderer/i18n/format-log.ts), the "warn:" prefix too, never the core's
 * English sentence in a German run. The cloud stub over real HTTP; the runner's LANG is C.UTF-8.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFixture, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli } from './testing/run-cli.js';

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

describe('job log lines in the CLI language', () => {
  it('a German run warns in German (the scan note of a small set), an English run in English', async () => {
    const photos = await f.photos('wenige', 3);
    const args = ['--endpoint', f.stub.url, '-v', 'upload', photos, '--part-size', '1048576'];
    const deRun = await runCli(args, {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: TOKEN, LANG: 'de_DE.UTF-8' },
    });
    expect(deRun.code, deRun.stderr).toBe(0);
    expect(deRun.stderr).toMatch(
      /^Warnung: Nur 3 Fotos: Für Photogrammetrie braucht es meist mindestens 20 überlappende Fotos des Objekts\.$/m,
    );
    // -v: the info lines too, from the catalogue (plural and the size said the German way).
    expect(deRun.stderr).toMatch(/^Projekt \S+ angelegt: 1 Teil, \d+(,\d+)? (kB|KB|MB)\.$/m);
    expect(deRun.stderr).toMatch(/^Die Verarbeitung von \S+ hat begonnen\.$/m);
    expect(deRun.stderr).not.toMatch(/\b(warn|Only \d|photogrammetry|Created project|Processing of)\b/);

    const enRun = await runCli(args, { dataDir: await f.dataDir(), env: { SCANBRIDGE_TOKEN: TOKEN } });
    expect(enRun.code, enRun.stderr).toBe(0);
    expect(enRun.stderr).toMatch(
      /^warn: Only 3 photos: photogrammetry usually needs at least 20 overlapping photos of the object\.$/m,
    );
    expect(enRun.stderr).toMatch(/^Created project \S+: 1 part, [\d.]+ (kB|KB|MB)\.$/m);
    expect(enRun.stderr).toMatch(/^Processing of \S+ started\.$/m);
    expect(enRun.stderr).not.toMatch(/Warnung|Fotos|angelegt/);
  });

  it('scanbridge watch: the watcher’s own lines and the job’s warnings in German', async () => {
    const rig = path.join(f.base, 'rig-log');
    await cp(await f.photos('rig-scan', 3), path.join(rig, 'scan_0001'), { recursive: true });
    const r = await runCli(['--endpoint', f.stub.url, 'watch', rig, '--existing', '--quiet', '1'], {
      dataDir: await f.dataDir(),
      env: { SCANBRIDGE_TOKEN: TOKEN, LANG: 'de_DE.UTF-8' },
      signalWhen: { match: /: wird berechnet\b/, signal: 'SIGINT' },
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^scan_0001: vollständig, gesendet als Auftrag [0-9a-f]+\.$/m);
    expect(r.stderr).toMatch(/^Warnung: Nur 3 Fotos: /m);
    expect(r.stderr).not.toMatch(/sent as job|\bwarn:|Only \d/);
  });
});
