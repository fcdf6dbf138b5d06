import { describe, expect, it } from 'vitest';
import { LogEntrySchema } from '../contract/index.js';
import { ServerError } from './errors.js';
import { logFields } from './log-line.js';
import { hasControl } from './sanitize.js';

const entry = (f: ReturnType<typeof logFields>) =>
  LogEntrySchema.safeParse({ at: new Date(0).toISOString(), level: 'warn', ...f });

describe('a core log line as entry fields', () => {
  it('a coded line: its English message, its params made safe, its error serialised', () => {
    const f = logFields({
      code: 'partRetry',
      params: { part: 2, attempt: 1, seconds: 2.5 },
      error: new ServerError('The cloud answered HTTP 503.', 503),
    });
    expect(f.message).toBe('Part 2: The cloud answered HTTP 503. Retry 1 in 2.5 s.');
    expect(f).toMatchObject({ code: 'partRetry', params: { part: 2, attempt: 1, seconds: 2.5 } });
    expect(f.error).toMatchObject({ code: 'SERVER', detail: 'status', params: { status: 503 } });
    expect(entry(f).success).toBe(true);
  });

  it('a job’s already serialised error (jobFailed) is said as itself, not "[object Object]"', () => {
    const err = new ServerError('The cloud answered HTTP 503.', 503).toJSON();
    const f = logFields({ code: 'jobFailed', params: {}, error: err });
    expect(f.message).toBe('The cloud answered HTTP 503.');
    expect(f.error).toEqual(err);
    expect(entry(f).success).toBe(true);
    // Anything else that is no error still says what it was.
    expect(logFields({ code: 'jobFailed', params: {}, error: { code: 'NOPE' } }).error).toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('server words in params become printable and bounded; an open code’s English stays in the core', () => {
    const f = logFields({
      code: 'scanSkipped',
      params: {
        file: `evil\u001b]0;title\u0007.jpg${'x'.repeat(900)}`,
        reason: 'gone',
        english: 'cannot read',
      },
    });
    expect(hasControl(String(f.params?.file))).toBe(false);
    expect(String(f.params?.file).length).toBeLessThanOrEqual(500);
    expect(f.params).not.toHaveProperty('english');
    expect(f.message).toContain('cannot read');
    expect(entry(f).success).toBe(true);
  });

  it('a tool line keeps its words and says which tool; too many params fall back to the message', () => {
    expect(logFields({ tool: 'colmap', text: 'Elapsed time: 0.012 [minutes]\n' })).toEqual({
      message: 'Elapsed time: 0.012 [minutes]',
      tool: 'colmap',
    });
    expect(logFields({ tool: 'nodeodm', text: 'x'.repeat(10_000) }).message.length).toBe(4000);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, i]));
    const f = logFields({ code: 'scanWarning', params: { warning: 'duplicate', ...many } });
    expect(f.code).toBeUndefined();
    expect(entry(f).success).toBe(true);
  });
});
