import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';

describe('formatBytes', () => {
  it('uses decimal units with three significant digits', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(312_000_000)).toBe('312 MB');
    expect(formatBytes(2_000_000_000)).toBe('2.00 GB');
    expect(formatBytes(2_310_000_000)).toBe('2.31 GB');
    expect(formatBytes(999_999_999)).toBe('1.00 GB');
    expect(formatBytes(15_500_000)).toBe('15.5 MB');
  });
});
