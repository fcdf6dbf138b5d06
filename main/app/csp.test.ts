import { describe, expect, it } from 'vitest';
import { withCspHeader } from './csp.js';

describe('withCspHeader', () => {
  it('replaces any CSP the response had, whatever its case', () => {
    const h = withCspHeader(
      { 'content-security-policy': ['default-src *'], 'X-A': ['1'] },
      "default-src 'none'",
    );
    expect(h).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': ["default-src 'none'"] });
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
