/**
 * `config`, `profiles`, `backends`, `check`, `reconstruct`, `watch` and `--help` in the person's
 * language: the BUILT command as a child process. Under LANG=de_DE.UTF-8 each says a German line
 * from the catalogue and none of the English catalogue's sentences (block `cliCmd` and the words these
 * commands borrow); under LANG=C.UTF-8 the same lines are English. --json is the same in both.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../renderer/i18n/de.js';
import { en } from '../../renderer/i18n/en.js';
import { hasTool } from '../core/testing/require-tool.js';
import { writeNoiseImages } from '../core/local/testing/fixtures.js';
import { cliFixture, TOKEN, type CliFixture } from './testing/fixtures.js';
import { runCli, type CliRun, type CliRunOptions } from './testing/run-cli.js';
import { englishLeftIn } from './testing/english-left.js';

const GERMAN = { LANG: 'de_DE.UTF-8' };
const ENGLISH = { LANG: 'C.UTF-8' };
const DEAD = 'http://127.0.0.1:9';

/** The English sentences these commands may say, beside their German (product names say the same). */
const SOURCES: [unknown, unknown][] = [
  [en.cliCmd, de.cliCmd],
  [en.check, de.check],
  [en.step, de.step],
  [en.backend, de.backend],
  [en.cli, de.cli],
  [en.cloudStatus, de.cloudStatus],
];
const SAME_IN_GERMAN = [en.backend.cloud, en.backend.node];

let f: CliFixture;
beforeAll(async () => {
  f = await cliFixture();
});
afterAll(() => f.close());

/** Runs in German and in English, each with its own data folder prepared by `setup`. */
async function both(
  args: string[],
  o: CliRunOptions & { setup?: (dataDir: string) => Promise<void> } = {},
): Promise<{ de: CliRun; en: CliRun; deText: string; enText: string }> {
  const run = async (lang: Record<string, string>) => {
    const dataDir = await f.dataDir();
    await o.setup?.(dataDir);
    return runCli(args, { ...o, dataDir, env: { ...o.env, ...lang } });
  };
  const [deRun, enRun] = [await run(GERMAN), await run(ENGLISH)];
  return { de: deRun, en: enRun, deText: deRun.stdout + deRun.stderr, enText: enRun.stdout + enRun.stderr };
}

function noEnglish(text: string): void {
  expect(englishLeftIn(text, SOURCES, de, SAME_IN_GERMAN)).toEqual([]);
}

describe('--help and commander’s words', () => {
  it('the help, its headings and the exit-code table in German; in English by default', async () => {
    const r = await both(['--help']);
    expect(r.de.code).toBe(0);
    expect(r.de.stdout).toMatch(/^Aufruf: scanbridge \[Optionen\] \[Befehl\]$/m);
    expect(r.de.stdout).toMatch(/^Befehle:$/m);
    expect(r.de.stdout).toMatch(
      /^ {2}reconstruct \[Optionen\] <paths\.\.\.> +ein 3D-Modell auf diesem Computer/m,
    );
    expect(r.de.stdout).toMatch(/^Exit-Codes:$/m);
    expect(r.de.stdout).toMatch(/^ {2}2 {4}falscher Aufruf$/m);
    noEnglish(r.deText);
    expect(r.en.stdout).toMatch(/^Usage: scanbridge \[options\] \[command\]$/m);
    expect(r.en.stdout).toMatch(/^ {2}2 {4}wrong usage$/m);
    expect(r.en.stdout).toMatch(/^ {2}-h, --help +display help for command$/m);
  });

  it('a command’s help: global options, choices and defaults, the check’s exit codes', async () => {
    const prof = await both(['profiles', 'add', '--help']);
    expect(prof.de.code).toBe(0);
    expect(prof.de.stdout).toMatch(/^Globale Optionen:$/m);
    expect(prof.de.stdout).toMatch(/^Argumente:$/m);
    noEnglish(prof.deText);
    expect(prof.en.stdout).toMatch(/^Global Options:$/m);
    const rec = await both(['reconstruct', '--help']);
    expect(rec.de.stdout).toMatch(
      /wie Fotos gepaart werden \(Auswahl: "auto", "exhaustive",\s+"sequential", Standard: "auto"\)/,
    );
    expect(rec.en.stdout).toMatch(
      /how photos are paired \(choices: "auto", "exhaustive",\s+"sequential", default: "auto"\)/,
    );
    noEnglish(rec.deText);
    const check = await both(['check', '--help']);
    expect(check.de.stdout).toMatch(/Exit: 0 der Satz sieht gut aus; 1 er ist riskant/);
    expect(check.en.stdout).toMatch(/Exit: 0 the set looks good; 1 it is risky or will likely fail/);
    noEnglish(check.deText);
  });

  it.each([
    [['--nope'], /^Fehler: unbekannte Option „--nope“$/m, /^error: unknown option '--nope'$/m],
    [['upload'], /^Fehler: das Argument „paths“ fehlt$/m, /^error: missing required argument 'paths'$/m],
    [['frobnicate'], /^Fehler: unbekannter Befehl „frobnicate“$/m, /^error: unknown command 'frobnicate'$/m],
    [['upload', '--wiat', 'x'], /^\(Meinten Sie --wait\?\)$/m, /^\(Did you mean --wait\?\)$/m],
    [
      ['upload', '--concurrency', '0', 'x'],
      /^Fehler: der Wert „0“ der Option „--concurrency <k>“ ist ungültig\. --concurrency muss eine positive ganze Zahl sein/m,
      /^error: option '--concurrency <k>' argument '0' is invalid\. --concurrency must be a positive whole number \(got "0"\)\.$/m,
    ],
    [
      ['upload', '--backend', 'mars', 'x'],
      /ist ungültig\. Erlaubt sind cloud, nodeodm, local\.$/m,
      /is invalid\. Allowed choices are cloud, nodeodm, local\.$/m,
    ],
    [
      ['reconstruct', 'x'],
      /^Fehler: die Option „--out <dir>“ ist nötig$/m,
      /^error: required option '--out <dir>' not specified$/m,
    ],
    [
      ['status', 'a', 'b'],
      /^Fehler: zu viele Argumente für „status“: erwartet 1 Argument, erhalten 2\.$/m,
      /^error: too many arguments for 'status'\. Expected 1 argument but got 2\.$/m,
    ],
    [
      ['upload', '--option', 'x', 'y'],
      /--option erwartet name=wert/,
      /--option takes name=value \(got "x"\)/,
    ],
    [
      ['config'],
      /^Aufruf: scanbridge config \[Optionen\] \[Befehl\]$/m,
      /^Usage: scanbridge config \[options\] \[command\]$/m,
    ],
    [
      ['retry', 'gibt-es-nicht'],
      /^Fehler: Es gibt keinen Auftrag „gibt-es-nicht“\.$/m,
      /^error: There is no job "gibt-es-nicht"\.$/m,
    ],
  ])('wrong usage %j: exit 2, said in German and in English', async (args, german, english) => {
    const r = await both(args);
    expect(r.de.code, r.deText).toBe(2);
    expect(r.en.code, r.enText).toBe(2);
    expect(r.de.stderr).toMatch(german);
    expect(r.en.stderr).toMatch(english);
    noEnglish(r.deText);
    expect(r.de.stdout).toBe('');
  });
});

describe('what --version loads', () => {
  /** The modules a run of the built command loads, by a module hook (node --import). */
  async function loaded(args: string[], env: Record<string, string>): Promise<string[]> {
    const dir = path.join(f.base, `hooks-${args.join('')}-${env.LANG}`);
    await mkdir(dir, { recursive: true });
    const log = path.join(dir, 'loaded.txt');
    await writeFile(
      path.join(dir, 'hooks.mjs'),
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function load(url, context, next) {\n' +
        `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n` +
        '  return next(url, context);\n}\n',
    );
    await writeFile(
      path.join(dir, 'register.mjs'),
      "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
    );
    await writeFile(log, '');
    const r = await runCli(args, {
      env: { ...env, NODE_OPTIONS: `--import ${path.join(dir, 'register.mjs')}` },
    });
    expect(r.code, r.stderr).toBe(0);
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  }
  const withCatalogue = async (urls: string[]) => {
    const texts = await Promise.all(urls.map((u) => readFile(new URL(u), 'utf8')));
    return texts.some((t) => t.includes(en.cliCmd.help.program) || t.includes(de.cliCmd.help.program));
  };

  it('--version loads no catalogue (start-up stays instant); --help in German does', async () => {
    const version = await loaded(['--version'], GERMAN);
    expect(version.length).toBeGreaterThan(0);
    expect(await withCatalogue(version)).toBe(false);
    expect(await withCatalogue(await loaded(['--help'], GERMAN))).toBe(true);
  });
});

describe('config, profiles, backends', () => {
  it('config: units, the settings list, a bad value and an unknown name in German', async () => {
    const list = await both(['config', 'list']);
    expect(list.de.code).toBe(0);
    expect(list.de.stdout).toMatch(/^bandwidthLimit = 0 {2}\(MB\/s, 0 = keine Grenze\)$/m);
    expect(list.en.stdout).toMatch(/^bandwidthLimit = 0 {2}\(MB\/s, 0 = no limit\)$/m);
    noEnglish(list.deText);
    const bad = await both(['config', 'set', 'partSize', '5']);
    expect(bad.de.code).toBe(2);
    expect(bad.de.stderr).toMatch(/^Fehler: „5“ ist kein gültiger Wert für partSize: Zu klein: .*1048576/m);
    expect(bad.de.stderr).toMatch(/^ {2}partSize nimmt Bytes oder auto\.$/m);
    expect(bad.en.stderr).toMatch(/^error: "5" is not a valid partSize: Too small: .*1048576.*\.$/m);
    expect(bad.en.stderr).toMatch(/^ {2}partSize takes bytes or auto\.$/m);
    noEnglish(bad.deText);
    const unknown = await both(['config', 'get', 'server']);
    expect(unknown.de.stderr).toMatch(/^Fehler: Es gibt keine Einstellung „server“\.$/m);
    expect(unknown.de.stderr).toMatch(/^ {2}Einstellungen: endpoint, downloadDir, /m);
    expect(unknown.en.stderr).toMatch(/^error: There is no setting "server"\.$/m);
    noEnglish(unknown.deText);
  });

  it('profiles: none, saved with a warning, listed, removed — in German', async () => {
    const none = await both(['profiles', 'list']);
    expect(none.de.stdout).toMatch(
      /^Keine NodeODM-Profile\. Fügen Sie eines hinzu: scanbridge profiles add/m,
    );
    expect(none.en.stdout).toMatch(/^No NodeODM profiles\. Add one: /m);
    noEnglish(none.deText);
    const flow = async (lang: Record<string, string>) => {
      const dataDir = await f.dataDir();
      const o = { dataDir, env: lang };
      const add = await runCli(
        ['--endpoint', DEAD, 'profiles', 'add', 'werk', '--node-token', 'geheim-1'],
        o,
      );
      const list = await runCli(['profiles', 'list'], o);
      const remove = await runCli(['profiles', 'remove', 'werk'], o);
      return { add, list, remove, all: [add, list, remove].map((r) => r.stdout + r.stderr).join('\n') };
    };
    const g = await flow(GERMAN);
    expect(g.add.code, g.all).toBe(0);
    expect(g.add.stdout).toContain(`NodeODM-Profil werk <${DEAD}> mit seinem Token gespeichert.`);
    expect(g.add.stdout).toMatch(
      /^Warnung: Der Knoten antwortet gerade nicht: Der Server ist nicht erreichbar\./m,
    );
    expect(g.list.stdout).toMatch(/^NAME {2}ART {6}ADRESSE$/m);
    expect(g.remove.stdout).toBe('Profil werk entfernt (mit seinem Token).\n');
    const again = await runCli(['profiles', 'remove', 'werk'], { dataDir: await f.dataDir(), env: GERMAN });
    expect(again.code).toBe(6);
    expect(again.stderr).toContain('Es gibt kein Backend-Profil namens „werk“.');
    noEnglish(again.stderr);
    noEnglish(g.all);
    expect(g.all).not.toContain('geheim-1');
    const e = await flow(ENGLISH);
    expect(e.add.stdout).toContain(`Saved NodeODM profile werk <${DEAD}> with its token.`);
    expect(e.add.stdout).toMatch(
      /^warning: the node does not answer now: The node at http:\/\/127\.0\.0\.1:9 is not accepting connections/m,
    );
    expect(e.list.stdout).toMatch(/^NAME {2}KIND {5}ENDPOINT$/m);
    expect(e.remove.stdout).toBe('Removed profile werk (and its token).\n');
    const twice = await runCli(['profiles', 'remove', 'werk'], { dataDir: await f.dataDir(), env: ENGLISH });
    expect(twice.stderr).toMatch(/^error: There is no profile named "werk"\.$/m);
  });

  it('backends: each row in German; --json the same rows in both languages', async () => {
    const setup = async (dataDir: string) => {
      const o = { dataDir };
      expect((await runCli(['config', 'set', 'endpoint', f.stub.url], o)).code).toBe(0);
      expect((await runCli(['--endpoint', DEAD, 'profiles', 'add', 'werk'], o)).code).toBe(0);
    };
    const env = { SCANBRIDGE_TOKEN: TOKEN };
    const r = await both(['backends'], { setup, env });
    expect(r.de.code, r.deText).toBe(5); // the node is down
    expect(r.de.stdout).toMatch(/^ok {6}cloud {4}OpenScan Cloud </m);
    expect(r.de.stdout).toMatch(
      new RegExp(
        `^AUSFALL nodeodm {2}werk <${DEAD}>: Der Server ist nicht erreichbar\\. .*127\\.0\\.0\\.1:9`,
        'm',
      ),
    );
    expect(r.en.stdout).toMatch(
      new RegExp(`^DOWN nodeodm  werk <${DEAD}>: The node at ${DEAD} is not accepting connections`, 'm'),
    );
    if (hasTool('colmap', ['-h'])) {
      expect(r.de.stdout).toMatch(
        /^ok {6}local {4}Dieser Computer \(COLMAP\): COLMAP \S+: Dieser Computer kann /m,
      );
      expect(r.en.stdout).toMatch(/^ok {3}local {4}This computer \(COLMAP\): COLMAP \S+: This machine can /m);
    }
    noEnglish(r.deText);

    const json = await both(['--json', 'backends'], { setup, env });
    expect(json.de.stdout).toBe(json.en.stdout);
    const rows = JSON.parse(json.de.stdout) as Record<string, unknown>[];
    // The rows scripts have always read: no new keys (facts and error stay on screen).
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(expect.arrayContaining(['detail', 'kind', 'name', 'ok']));
    for (const row of rows)
      expect(
        Object.keys(row).filter((k) => !['detail', 'kind', 'name', 'ok', 'endpoint'].includes(k)),
      ).toEqual([]);
  });

  it('--json is byte-identical in German and English (settings, profiles, a usage error)', async () => {
    for (const args of [
      ['--json', 'config', 'list'],
      ['--json', 'profiles', 'list'],
      ['--json', 'config', 'set', 'concurrency', '0'],
      ['--json', 'config', 'get', 'server'],
    ]) {
      const r = await both(args);
      expect(r.de.stdout, args.join(' ')).toBe(r.en.stdout);
      expect(r.de.code).toBe(r.en.code);
    }
    const usage = await both(['--json', 'config', 'set', 'concurrency', '0']);
    expect(JSON.parse(usage.de.stdout)).toEqual({
      error: {
        code: 'USAGE',
        message: '"0" is not a valid concurrency: Too small: expected number to be >=1.',
      },
    });
  });
});

describe('token and status', () => {
  it('token set says how the token is kept, status says what the cloud status means — in German', async () => {
    const env = { SCANBRIDGE_TOKEN: undefined };
    const set = await both(['--endpoint', f.stub.url, 'token', 'set', '-'], { stdin: TOKEN, env });
    expect(set.de.code, set.deText).toBe(0);
    expect(set.de.stdout).toMatch(
      /gespeichert .*\. Das Token liegt in einer Datei, die nur Ihr Benutzerkonto lesen kann; es ist nicht verschlüsselt\.$/m,
    );
    expect(set.en.stdout).toMatch(
      /\. The token is kept in a file only your user account can read; it is not encrypted\.$/m,
    );
    noEnglish(set.deText);

    const dataDir = await f.dataDir();
    const up = await runCli(
      ['--endpoint', f.stub.url, '--json', 'upload', await f.photos('status-sinn', 2), '--wait'],
      {
        dataDir,
        env: { SCANBRIDGE_TOKEN: TOKEN },
      },
    );
    expect(up.code, up.stderr).toBe(0);
    const { project } = JSON.parse(up.stdout) as { project: string };
    const ask = (lang: Record<string, string>) =>
      runCli(['--endpoint', f.stub.url, 'status', project], {
        dataDir,
        env: { SCANBRIDGE_TOKEN: TOKEN, ...lang },
      });
    const de_ = await ask(GERMAN);
    expect(de_.stdout).toContain(`${project} (cloud): ${de.cloudStatus.done}`);
    noEnglish(de_.stdout + de_.stderr);
    const jobs = await runCli(['jobs', '--all'], { dataDir, env: GERMAN });
    expect(jobs.stdout).toMatch(new RegExp(`${project}\\s+cloud\\s+fertig\\s.*\\s\\d+ (Sek|Min)\\.\\s`));
    expect(jobs.stdout).not.toMatch(/processing done/);
    noEnglish(jobs.stdout);
    // English keeps the cloud's own words (scripts and the upload tests read them).
    expect((await ask(ENGLISH)).stdout).toMatch(new RegExp(`^${project} \\(cloud\\): processing done$`, 'm'));
  });
});

describe('watch, reconstruct and check', () => {
  it('watch: its own lines in German', async () => {
    const rig = path.join(f.base, 'rig-de');
    await mkdir(rig, { recursive: true });
    const o = {
      env: { SCANBRIDGE_TOKEN: TOKEN },
      signalWhen: { match: /(Beobachte|Watching) .*\n/, signal: 'SIGINT' as const },
    };
    const r = await both(['--endpoint', f.stub.url, 'watch', rig, '--quiet', '1'], o);
    expect(r.de.code, r.deText).toBe(0);
    expect(r.de.stderr).toMatch(/^Beobachte .*rig-de \(cloud\)\. Beenden mit Strg\+C\.$/m);
    expect(r.de.stderr).toMatch(
      /^Wird beendet; unfertige Aufträge gehen beim nächsten Start weiter \(scanbridge resume\)\.$/m,
    );
    expect(r.en.stderr).toMatch(/^Watching .*rig-de \(cloud\)\. Stop with Ctrl-C\.$/m);
    noEnglish(r.deText);
  });

  it.skipIf(!hasTool('colmap', ['-h']))(
    'check and reconstruct: verdict, reasons, suggestions and stages in German',
    async () => {
      const noise = path.join(f.base, 'rauschen');
      await mkdir(noise, { recursive: true });
      await writeNoiseImages(noise, 6);
      const check = await both(['check', noise, '--threads', '2'], { timeoutMs: 280_000 });
      expect(check.de.code, check.deText).toBe(1);
      expect(check.de.stdout).toMatch(/^Wird wahrscheinlich scheitern: /);
      expect(check.de.stdout).toMatch(/^6 Fotos in \d+,\d s geprüft; \d+ markiert\.$/m);
      expect(check.de.stdout).toMatch(/Nur 6 Fotos: Ein Modell braucht meist mindestens 20\./);
      expect(check.de.stdout).toMatch(/^→ /m);
      expect(check.de.stderr).toMatch(/^ {0,2}\d+% Kleine Kopien werden erstellt$/m);
      expect(check.en.stdout).toMatch(/^Will likely fail/);
      expect(check.en.stdout).toMatch(/^Checked 6 photos in \d+\.\d s; \d+ flagged\.$/m);
      noEnglish(check.deText);

      // --json: the same report in both languages (only the time it took differs).
      const json = await both(['--json', 'check', noise, '--threads', '2'], { timeoutMs: 280_000 });
      const report = (r: CliRun) => {
        const { seconds: _s, ...rest } = JSON.parse(r.stdout) as Record<string, unknown>;
        return rest;
      };
      expect(report(json.de)).toEqual(report(json.en));
      expect(json.de.stderr).toBe('');

      // Stopped at its first stage: the stage's name and the stop line, each in the language.
      const stopped = (lang: Record<string, string>, out: string) =>
        runCli(['reconstruct', noise, '--out', path.join(f.base, out)], {
          env: lang,
          signalWhen: { match: /^ *\d+% .+$/m, signal: 'SIGINT' },
          timeoutMs: 120_000,
        });
      const recDe = await stopped(GERMAN, 'arbeit-de');
      const recEn = await stopped(ENGLISH, 'arbeit-en');
      expect(recDe.stderr).toMatch(
        /^ *\d+% (Der Arbeitsordner wird vorbereitet|Merkmale in den Fotos werden gesucht)/m,
      );
      expect(recDe.stderr).toMatch(
        /^COLMAP wird angehalten… \(fertige Stufen bleiben erhalten; derselbe Befehl setzt fort\)$/m,
      );
      expect(recEn.stderr).toMatch(/^ *\d+% (Preparing the workspace|Finding features in the photos)/m);
      expect(recEn.stderr).toMatch(
        /^Stopping COLMAP… \(finished stages are kept; run the same command to continue\)$/m,
      );
      const rec = { deText: recDe.stdout + recDe.stderr };
      noEnglish(rec.deText);
    },
    300_000,
  );
});

describe('why a photo is not in the model', () => {
  it('each reason code: English is the core’s sentence, German the catalogue’s', async () => {
    const { cliText } = await import('./cli-language.js');
    const { unregisteredSaid } = await import('./commands/reconstruct.js');
    const { unregisteredText } = await import('../core/local/results.js');
    const whys = [
      { code: 'noFeatures' },
      { code: 'fewFeatures', count: 12, typical: 900 },
      { code: 'otherGroup' },
      { code: 'littleOverlap' },
      { code: 'notImage', ext: '.txt' },
      { code: 'notImage', ext: '' },
      { code: 'invalidImage' },
      { code: 'unreadable', cause: 'EACCES' },
    ] as const;
    const [english, german] = [await cliText('en'), await cliText('de')];
    for (const why of whys) {
      const u = { image: 'a.jpg', reason: unregisteredText(why), why };
      expect(unregisteredSaid(u, english.t)).toBe(unregisteredText(why));
      const said = unregisteredSaid(u, german.t);
      expect(said).not.toBe(unregisteredText(why));
      noEnglish(said);
    }
    expect(unregisteredSaid({ image: 'a.jpg', reason: 'old', why: whys[1] }, german.t)).toBe(
      'wenige Merkmale (12 statt üblicherweise 900): wahrscheinlich unscharf, über- oder unterbelichtet oder überwiegend einfarbiger Hintergrund',
    );
    // A summary from before the codes: its English reason as it was.
    expect(unregisteredSaid({ image: 'a.jpg', reason: 'old words' }, german.t)).toBe('old words');
  });
});
