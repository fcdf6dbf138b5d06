import { describe, expect, it } from 'vitest';
import {
  LOG_CODES,
  LOG_LINES,
  LogEntrySchema,
  SettingsSchema,
  type LogCode,
} from '../../main/contract/index.js';
import { de } from './de.js';
import { en } from './en.js';
import { dataPieces, logLineKey, logLineText, markData, SETTING_LABELS, unmarked } from './format-log.js';
import { translator } from './testing/translator.js';

const CATALOGUES = { en, de } as const;

/** The placeholder names of a catalogue string: `{{name}}` and `{{name, format}}`. */
const placeholders = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? ''))].sort();

/** A code's sentence and its plural forms (`scanned`, or `scanned_one` + `scanned_other`). */
const forms = (block: Record<string, string>, code: string): string[] =>
  Object.entries(block)
    .filter(([k]) => k === code || k.replace(/_(zero|one|two|few|many|other)$/, '') === code)
    .map(([, v]) => v);

describe('log codes in the catalogues', () => {
  for (const lang of ['en', 'de'] as const) {
    it(`${lang}: every code has a sentence with exactly its params, and nothing else is there`, () => {
      const block = CATALOGUES[lang].logLine as Record<string, string>;
      const problems: string[] = [];
      for (const code of LOG_CODES) {
        const want = [...(LOG_LINES[code] as readonly string[])].sort().join();
        const texts = forms(block, code);
        if (texts.length === 0) problems.push(`logLine.${code} missing`);
        for (const text of texts)
          if (placeholders(text).join() !== want)
            problems.push(`logLine.${code}: {${placeholders(text).join()}} ≠ params {${want}}`);
      }
      for (const k of Object.keys(block)) {
        const code = k.replace(/_(zero|one|two|few|many|other)$/, '');
        if (!(LOG_CODES as string[]).includes(code)) problems.push(`logLine.${k}: no such code`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('a log line in the person’s language', () => {
  it('says a coded line from the catalogue, with plurals and Intl sizes', async () => {
    const line = {
      message: 'Created project owl-x: 3 parts, 4580000 bytes.',
      code: 'cloudProjectCreated',
      params: { project: 'owl-x', count: 3, size: 4_580_000 },
    };
    expect(logLineText(await translator('de'), line)).toBe('Projekt owl-x angelegt: 3 Teile, 4,58 MB.');
    expect(logLineText(await translator('en'), line)).toBe('Created project owl-x: 3 parts, 4.58 MB.');
    expect(logLineText(await translator('de'), { ...line, params: { ...line.params, count: 1 } })).toBe(
      'Projekt owl-x angelegt: 1 Teil, 4,58 MB.',
    );
  });

  it('says a scan warning with the review’s own words', async () => {
    const line = {
      message: 'Only 4 photos: photogrammetry usually needs at least 20 overlapping photos of the object.',
      code: 'scanWarning',
      params: { warning: 'few-photos', count: 4, minimum: 20 },
    };
    expect(logLineText(await translator('de'), line)).toBe(
      'Nur 4 Fotos: Für Photogrammetrie braucht es meist mindestens 20 überlappende Fotos des Objekts.',
    );
  });

  it('says the line’s error by its code and specifics', async () => {
    const line = {
      message: 'Part 2: The cloud did not answer. Retry 1 in 2.5 s.',
      code: 'partRetry',
      params: { part: 2, attempt: 1, seconds: 2.5 },
      error: {
        code: 'TIMEOUT',
        message: 'The cloud did not answer.',
        detail: 'reply',
        params: { server: 'cloud.example', seconds: 30 },
      },
    };
    const said = logLineText(await translator('de'), line);
    expect(said).toMatch(/^Teil 2: .+ Versuch 1 in 2,5 s\.$/);
    expect(said).toContain('cloud.example');
    expect(said).not.toContain('did not answer');
  });

  it('shows a tool line, an old line and a line whose params do not match its code as they came', async () => {
    const t = await translator('de');
    const tool = { message: 'Elapsed time: 0.012 [minutes]', tool: 'colmap' };
    expect(logLineText(t, tool)).toBe(tool.message);
    expect(logLineText(t, { message: 'Processing of x started.' })).toBe('Processing of x started.');
    const wrong = {
      message: 'Processing of x started.',
      code: 'cloudProcessingStarted',
      params: { name: 'x' },
    };
    expect(logLineKey(wrong)).toBeUndefined();
    expect(logLineText(t, wrong)).toBe('Processing of x started.');
    expect(logLineText(t, { message: 'm', code: 'noSuchCode' as LogCode, params: {} })).toBe('m');
  });

  it('an entry from before codes still loads; a code not in the table does not', () => {
    const at = new Date(0).toISOString();
    expect(LogEntrySchema.safeParse({ at, level: 'info', message: 'old line' }).success).toBe(true);
    expect(
      LogEntrySchema.safeParse({ at, level: 'info', message: 'm', code: 'status', params: { status: 'x' } })
        .success,
    ).toBe(true);
    expect(LogEntrySchema.safeParse({ at, level: 'info', message: 'm', code: 'made-up' }).success).toBe(
      false,
    );
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, i]));
    expect(
      LogEntrySchema.safeParse({ at, level: 'info', message: 'm', code: 'status', params: many }).success,
    ).toBe(false);
  });
});

describe('data in a said line', () => {
  it('marks each text param as data, ours apart; a param cannot forge the marks', async () => {
    const line = {
      message: 'Processing of x started.',
      code: 'cloudProcessingStarted',
      params: { project: 'owl\uE001 fake \uE000-1' },
    };
    const said = logLineText(await translator('de'), line, { mark: markData });
    expect(dataPieces(said)).toEqual([
      { text: 'Die Verarbeitung von ', data: false },
      { text: 'owl fake -1', data: true },
      { text: ' hat begonnen.', data: false },
    ]);
    expect(unmarked(said)).toBe('Die Verarbeitung von owl fake -1 hat begonnen.');
  });
});

describe('the cloud’s status in the log', () => {
  it('is said as the app says it, with the cloud’s own word beside it', async () => {
    const line = {
      message: 'Status: processing started',
      code: 'cloudStatus',
      params: { status: 'processing', said: 'processing started' },
    };
    expect(logLineText(await translator('de'), line)).toBe(
      `${de.cloudStatus.processing} (Cloud-Status „processing started“)`,
    );
  });
});

describe('a photo the local reconstruction cannot use', () => {
  it('is said with the reconstruct command’s words for why', async () => {
    const t = await translator('de');
    const de_ = de as unknown as { cliCmd: { reconstruct: { why: Record<string, string> } } };
    const line = (params: Record<string, string>) => ({
      message: 'Skipping x',
      code: 'localSkipped',
      params: { file: 'notes.txt', ...params },
    });
    expect(logLineText(t, line({ reason: 'notImage', ext: '.txt' }))).toBe(
      `Ausgelassen: notes.txt: ${de_.cliCmd.reconstruct.why.notImage!.replace('{{ext}}', '.txt')}`,
    );
    expect(logLineText(t, line({ reason: 'notImage', ext: '' }))).toBe(
      `Ausgelassen: notes.txt: ${de_.cliCmd.reconstruct.why.notImageNoExt}`,
    );
  });
});

describe('changed settings', () => {
  it('are named by their labels in the Settings view', async () => {
    const line = {
      message: 'Settings changed: concurrency, locale.',
      code: 'settingsChanged',
      params: { keys: 'concurrency, locale' },
    };
    expect(logLineText(await translator('de'), line)).toBe(
      `Einstellungen geändert: ${de.settings.concurrency}, ${de.settings.language}.`,
    );
  });

  it('every setting has a label the catalogue has', () => {
    const missing = Object.keys(SettingsSchema.shape).filter((k) => {
      const key = SETTING_LABELS[k];
      const v = key?.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], de);
      return typeof v !== 'string';
    });
    expect(missing).toEqual([]);
  });
});

describe('the local run’s plan', () => {
  it('is said in German, the matcher, why and camera from the catalogue', async () => {
    const line = {
      message: 'Plan: …',
      code: 'localPlan',
      params: {
        matcher: 'checked',
        why: 'checkGraph',
        figure: 1234,
        camera: 'shared',
        focal: 1200,
        features: 2048,
        size: 1600,
        threads: 4,
      },
    };
    expect(logLineText(await translator('de'), line)).toBe(
      'Plan: die von der Prüfung gefundenen Paare abgeglichen (Übereinstimmungen der Vorabprüfung: 1.234 Paare), eine gemeinsame Kamera (EXIF-Brennweite 1.200 px), bis zu 2.048 Merkmale bei 1.600 px, 4 Threads.',
    );
    expect(
      logLineText(await translator('de'), { ...line, params: { ...line.params, focal: 0 } }),
    ).not.toContain('Brennweite');
  });
});

describe('the plan’s words', () => {
  it('every matcher, reason (plan.ts MatcherWhy) and camera has words in en and de', () => {
    const want = [
      ...['exhaustive', 'sequential', 'checked'].map((m) => `matcher_${m}`),
      ...['user', 'checkGraph', 'exifTimes', 'numberedNames', 'tooMany', 'noOrder'].map((w) => `why_${w}`),
      'camera_shared',
      'camera_perPhoto',
      'focal',
    ].sort();
    expect(Object.keys(en.logWords).sort()).toEqual(want);
    expect(Object.keys(de.logWords).sort()).toEqual(want);
  });
});
