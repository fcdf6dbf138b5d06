import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from './app-files.js';

const root = path.resolve('/srv/out/renderer');

describe('resolveAppFile', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://scanbridge/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://scanbridge/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, 'app://scanbridge/a%20b.png?x=1#y')).toBe(path.join(root, 'a b.png'));
  });
  it.each([
    'app://scanbridge/../../etc/passwd',
    'app://scanbridge/%2e%2e/%2e%2e/etc/passwd',
    'app://scanbridge/assets/%2E%2E%2F..%2Fsecret',
    'app://scanbridge/..%5C..%5Cwindows',
    'app://scanbridge/a%00.html',
    'app://other/index.html',
    'file:///srv/out/renderer/index.html',
    'https://scanbridge/index.html',
    'app://scanbridge/%E0%A4%A',
    'garbage',
  ])('refuses %s', (url) => {
    const r = resolveAppFile(root, url);
    if (r !== undefined) expect(r.startsWith(root + path.sep)).toBe(true);
    expect(r === undefined || !r.includes('etc') || r.startsWith(root)).toBe(true);
  });
  it('never resolves outside the root', () => {
    for (const u of [
      'app://scanbridge/../x',
      'app://scanbridge/%2e%2e/x',
      'app://scanbridge/a/%2e%2e/%2e%2e/x',
    ]) {
      const r = resolveAppFile(root, u);
      expect(r === undefined || r.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveAppFile(root, 'app://scanbridge/assets/%2E%2E%2F..%2Fsecret')).toBeUndefined();
    expect(resolveAppFile(root, 'app://scanbridge/a%00.html')).toBeUndefined();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it('knows the built files and falls back to octet-stream', () => {
    expect(contentTypeFor('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a/x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a/x.bin')).toBe('application/octet-stream');
  });
});
