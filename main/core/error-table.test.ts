import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '../contract/schemas.js';
import { de } from '../../renderer/i18n/de.js';
import { en } from '../../renderer/i18n/en.js';
import { ERROR_TABLE, EXIT, exitCodeFor, exitCodeHelp } from './error-table.js';
import {
  BadResponseError,
  NetworkError,
  ProcessingFailedError,
  ProjectNotFoundError,
  ScanBridgeError,
  ServerError,
  type ErrorCode,
} from './errors.js';

const lookup = (cat: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      cat,
    );

describe('the error table', () => {
  const codes = ErrorCodeSchema.options as readonly ErrorCode[];

  it('has exactly one row per error code of the contract', () => {
    expect(Object.keys(ERROR_TABLE).sort()).toEqual([...codes].sort());
  });

  it.each(codes)(
    '%s: a documented exit code, a UI message in every language, and --help lists it',
    (code) => {
      const row = ERROR_TABLE[code];
      expect(Object.values(EXIT)).toContain(row.exit);
      expect(row.exit).not.toBe(EXIT.OK);
      expect(row.exit).not.toBe(EXIT.USAGE);
      for (const cat of [en, de]) {
        const text = lookup(cat, row.uiKey);
        expect(typeof text, `${row.uiKey} in a catalogue`).toBe('string');
        expect((text as string).length).toBeGreaterThan(3);
      }
      const line = exitCodeHelp()
        .split('\n')
        .find((l) => l.trimStart().startsWith(`${row.exit} `));
      expect(line).toMatch(new RegExp(`[\\[ ]${code}[,\\]]`));
      expect(exitCodeFor(code)).toBe(row.exit);
    },
  );

  it('transient failures say "try later" (5); permanent ones never do', () => {
    expect(exitCodeFor(new ServerError('500', 500).code)).toBe(5);
    expect(exitCodeFor(new NetworkError('cut').code)).toBe(5);
    for (const e of [
      new BadResponseError('redirect loop'),
      new ProjectNotFoundError('p'),
      new ProcessingFailedError('failed'),
      new ScanBridgeError('NOT_FOUND', '404'),
    ]) {
      expect(e.retryable).toBe(false);
      expect(exitCodeFor(e.code)).toBe(7);
    }
    expect(exitCodeFor(undefined)).toBe(1);
  });

  it('every retryable error class maps to exit 5', () => {
    for (const e of [new ServerError('x', 503), new NetworkError('x', { code: 'TIMEOUT' })]) {
      expect(e.retryable).toBe(true);
      expect(ERROR_TABLE[e.code].exit).toBe(EXIT.TRY_LATER);
    }
  });
});
