import { describe, expect, it } from 'vitest';
import { tuningFromEnv } from './runtime-env.js';

describe('SCANBRIDGE_NET_TUNING', () => {
  it('unset or blank: no knobs (the product defaults stay)', () => {
    expect(tuningFromEnv(undefined)).toEqual({});
    expect(tuningFromEnv('  ')).toEqual({});
  });

  it('reads upload timeouts, poll and step retry', () => {
    const t = tuningFromEnv(
      '{"upload":{"replyTimeoutMs":1000},"poll":{"firstMs":20,"maxMs":100},"stepRetry":{"retries":0,"baseMs":5,"maxMs":9}}',
    );
    expect(t).toEqual({
      upload: { replyTimeoutMs: 1000 },
      poll: { firstMs: 20, maxMs: 100 },
      stepRetry: { retries: 0, baseMs: 5, maxMs: 9 },
    });
  });

  it.each([
    ['not JSON', '{upload'],
    ['an unknown key (a typo must not silently keep the defaults)', '{"upload":{"replyTimeout":1000}}'],
    ['a zero timeout', '{"upload":{"replyTimeoutMs":0}}'],
    ['half a poll setting', '{"poll":{"firstMs":20}}'],
  ])('refuses %s, naming the variable', (_what, raw) => {
    expect(() => tuningFromEnv(raw)).toThrow(/SCANBRIDGE_NET_TUNING/);
  });
});
