import { describe, expect, it } from 'vitest';
import { parseNodeOdmArgs } from './cli.js';

describe('NodeODM stub CLI arguments', () => {
  it('reads port, token, limits, faults and users', () => {
    expect(
      parseNodeOdmArgs([
        '--nodeodm',
        '--port',
        '3123',
        '--token',
        'T1',
        '--max-images',
        '50',
        '--processing',
        '2',
        '--drop-rate',
        '0.1',
        '--user',
        'ada:pa:ss',
      ]),
    ).toMatchObject({
      port: 3123,
      token: 'T1',
      maxImages: 50,
      processingMs: 2000,
      faults: { dropUploadRate: 0.1, cutUploadRate: 0 },
      users: { ada: 'pa:ss' },
    });
    expect(parseNodeOdmArgs(['--nodeodm'])).toMatchObject({ port: 0, maxImages: null });
  });

  it('says which flag is wrong', () => {
    expect(() => parseNodeOdmArgs(['--port', 'x'])).toThrow(/--port must be a number/);
    expect(() => parseNodeOdmArgs(['--drop-rate', '2'])).toThrow(/--drop-rate/);
    expect(() => parseNodeOdmArgs(['--user', 'nobody'])).toThrow(/name:password/);
  });
});
