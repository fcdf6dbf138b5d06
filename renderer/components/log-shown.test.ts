import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../main/contract/index.js';
import { filterLog, logAsText, shownEntries } from './log-shown.js';
import { translator } from '../i18n/testing/translator.js';

const at = '2026-12-04T00:00:00.000Z';
const entries: LogEntry[] = [
  {
    at,
    level: 'info',
    message: 'Processing of owl-1 started.',
    code: 'cloudProcessingStarted',
    params: { project: 'owl-1' },
  },
  {
    at,
    level: 'warn',
    message: 'Only 4 photos: photogrammetry usually needs at least 20 overlapping photos of the object.',
    code: 'scanWarning',
    params: { warning: 'few-photos', count: 4, minimum: 20, paths: '' },
  },
  { at, level: 'info', message: 'Elapsed time: 0.012 [minutes]', tool: 'colmap' },
];

describe('the Log view’s lines as shown', () => {
  it('filters on the words shown in German, not on the core’s English', async () => {
    const shown = shownEntries(entries, await translator('de'), false);
    expect(filterLog(shown, 'info', 'verarbeitung').map((e) => e.code)).toEqual(['cloudProcessingStarted']);
    expect(filterLog(shown, 'info', 'Processing')).toEqual([]);
    expect(filterLog(shown, 'warn', 'fotos').map((e) => e.code)).toEqual(['scanWarning']);
    // A tool's line is shown (and found) as the tool said it.
    expect(filterLog(shown, 'info', 'elapsed').map((e) => e.tool)).toEqual(['colmap']);
  });

  it('says a failed job’s reasons in the line (data marks do not eat them); coded only when said by code', async () => {
    const failed: LogEntry = {
      at,
      level: 'error',
      message: 'No photos found in "/scans/owl".',
      code: 'jobFailed',
      params: {},
      error: {
        code: 'INVALID_INPUT',
        message: 'No photos found in "/scans/owl".',
        detail: 'noPhotos',
        params: { path: '/scans/owl', count: 3, reasons: 'notImage:2,empty:1', examples: 'a.txt' },
      },
    };
    const odd: LogEntry = { at, level: 'info', message: 'Status: x', code: 'status', params: { wrong: 1 } };
    const [said, plain] = shownEntries([failed, odd], await translator('de'), false);
    expect(said!.text).toContain('3 Dateien geprüft: 2 sind keine Fotos und 1 ist leer');
    expect(said!.pieces.filter((p) => p.data).map((p) => p.text)).toEqual(['/scans/owl', 'a.txt']);
    expect(said!.coded).toBe(true);
    expect(plain).toMatchObject({ text: 'Status: x', coded: false });
  });

  it('copies what is shown', async () => {
    const shown = shownEntries(entries, await translator('de'), false);
    expect(logAsText(filterLog(shown, 'info', ''))).toBe(
      [
        `${at}  INFO   Die Verarbeitung von owl-1 hat begonnen.`,
        `${at}  WARN   Nur 4 Fotos: Für Photogrammetrie braucht es meist mindestens 20 überlappende Fotos des Objekts.`,
        `${at}  INFO   Elapsed time: 0.012 [minutes]`,
      ].join('\n'),
    );
    const english = shownEntries(entries, await translator('en'), true);
    expect(logAsText(filterLog(english, 'warn', ''))).toBe(
      `${at}  WARN   Only 4 photos: photogrammetry usually needs at least 20 overlapping photos of the object.`,
    );
  });
});
