import { describe, expect, it } from 'vitest';
import { buildCsp, withCspHeader } from './csp.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('buildCsp', () => {
  const prod = directives(buildCsp());
  it('blocks inline scripts and eval, and defaults to nothing', () => {
    expect(prod.get('default-src')).toEqual(["'none'"]);
    expect(prod.get('script-src')).toEqual(["'self'"]);
    expect(buildCsp()).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(prod.get('object-src')).toEqual(["'none'"]);
    expect(prod.get('base-uri')).toEqual(["'none'"]);
    expect(prod.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it('talks to no remote host in production', () => {
    for (const [, values] of prod) for (const v of values) expect(v).not.toMatch(/^(https?|wss?):/);
  });
  it('relaxes only styles and the dev server in development', () => {
    const dev = directives(buildCsp({ dev: true, devOrigin: 'http://localhost:5173' }));
    expect(dev.get('script-src')).toEqual(["'self'"]);
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
    expect(dev.get('connect-src')).toContain('ws://localhost:5173');
  });
});

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
