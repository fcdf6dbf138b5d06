import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CSP as BRIDGE_CSP } from '../bridge/security.js';
import { buildCsp as appCsp } from '../app/csp.js';
import { buildCsp, CSP_PLACEHOLDER, withCspMeta } from './csp.js';

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
    expect(prod.get('style-src')).toEqual(["'self'"]);
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
  it('a <meta> policy is the same without frame-ancestors (which a meta tag cannot carry)', () => {
    const meta = directives(buildCsp({ meta: true }));
    expect(meta.has('frame-ancestors')).toBe(false);
    const rest = new Map(prod);
    rest.delete('frame-ancestors');
    expect(meta).toEqual(rest);
  });
});

describe('one policy for every front end', () => {
  it('the bridge (web mode) and the Electron window send the same header', () => {
    expect(BRIDGE_CSP).toBe(buildCsp());
    expect(appCsp()).toBe(buildCsp());
  });

  it('index.html carries no policy of its own: the build writes the one policy into its <meta>', async () => {
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    expect(html).toContain(`content="${CSP_PLACEHOLDER}"`);
    expect(html).not.toMatch(/default-src/);
    const built = withCspMeta(html);
    expect(built).toContain(`content="${buildCsp({ meta: true })}"`);
    expect(built).not.toContain(CSP_PLACEHOLDER);
    expect(() => withCspMeta('<html></html>')).toThrow(/no %SCANBRIDGE_CSP%/);
  });
});
