/** The pure pieces: dlink unwrapping, backoff bounds, Retry-After, reply-body reading, part lists. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadResponseError, ScanBridgeError } from '../errors.js';
import { classifyReply, parseBody, parseMissingParts } from './classify.js';
import { limitError } from './limits.js';
import { normaliseBaseUrl } from './validate.js';
import { unwrapDownloadLink } from './download-link.js';

describe('unwrapDownloadLink', () => {
  it('unwraps ?id=<url> and forces dl=1', () => {
    const inner = 'http://127.0.0.1:9/s/abc123/my scan.zip?dl=0';
    const wrapped = `http://127.0.0.1:9/dl?id=${encodeURIComponent(inner)}`;
    expect(unwrapDownloadLink(wrapped)).toBe('http://127.0.0.1:9/s/abc123/my%20scan.zip?dl=1');
  });

  it('sets dl=1 on Dropbox share links even without a dl parameter, keeps other parameters', () => {
    expect(unwrapDownloadLink('https://www.dropbox.com/s/xyz/model.zip')).toBe(
      'https://www.dropbox.com/s/xyz/model.zip?dl=1',
    );
    expect(unwrapDownloadLink('https://www.dropbox.com/scl/fi/xyz/model.zip?rlkey=k&dl=0')).toBe(
      'https://www.dropbox.com/scl/fi/xyz/model.zip?rlkey=k&dl=1',
    );
    expect(unwrapDownloadLink('https://www.dropbox.com/s/xyz/model.zip?raw=1')).toBe(
      'https://www.dropbox.com/s/xyz/model.zip?raw=1',
    );
  });

  it('unwraps nested wrappers and leaves plain links alone', () => {
    const inner = 'https://www.dropbox.com/s/q/r.zip?dl=0';
    const twice = `https://a.example/dl?id=${encodeURIComponent(`https://b.example/go?id=${encodeURIComponent(inner)}`)}`;
    expect(unwrapDownloadLink(twice)).toBe('https://www.dropbox.com/s/q/r.zip?dl=1');
    expect(unwrapDownloadLink('https://files.example/result.zip')).toBe('https://files.example/result.zip');
    // An id that is not a URL is just a parameter.
    expect(unwrapDownloadLink('https://files.example/get?id=42')).toBe('https://files.example/get?id=42');
  });

  it('refuses anything but http(s)', () => {
    expect(() => unwrapDownloadLink('javascript:alert(1)')).toThrow(BadResponseError);
    expect(() => unwrapDownloadLink('file:///etc/passwd')).toThrow(BadResponseError);
    expect(() => unwrapDownloadLink('not a url')).toThrow(BadResponseError);
    // A wrapper pointing at file: is not unwrapped into it.
    expect(unwrapDownloadLink('https://a.example/dl?id=file%3A%2F%2F%2Fetc%2Fpasswd')).toMatch(
      /^https:\/\/a\.example\//,
    );
  });
});

describe('reading replies', () => {
  it('tells JSON, HTML, empty and plain text apart and finds the message', () => {
    expect(parseBody('{"error":"Token doesn\'t exist"}', 'application/json')).toMatchObject({
      kind: 'json',
      message: "Token doesn't exist",
    });
    expect(parseBody('<html><title>502 Bad Gateway</title></html>', '')).toEqual({
      kind: 'html',
      message: '502 Bad Gateway',
    });
    expect(parseBody(' \n', 'application/json')).toEqual({ kind: 'empty', message: '' });
    expect(parseBody('The browser (or proxy) sent a request', 'text/plain')).toEqual({
      kind: 'text',
      message: 'The browser (or proxy) sent a request',
    });
  });

  it('finds the missing part numbers in the messages seen', () => {
    expect(parseMissingParts('Missing parts 2, 3 of 5: upload them before starting')).toEqual([2, 3]);
    expect(parseMissingParts('missing part 4')).toEqual([4]);
    expect(parseMissingParts('parts [1, 4] are missing')).toEqual([1, 4]);
    expect(parseMissingParts('parts 1 and 5 missing')).toEqual([1, 5]);
    expect(parseMissingParts('already started')).toEqual([]);
  });
});

describe('limits and addresses', () => {
  it('names every limit a set is over, with the difference', () => {
    const info = { credit: 1000, limit_filesize: 800, limit_photos: 10 };
    const e = limitError(info, { project: 'p', photos: 12, parts: 1, filesize: 1200 })!;
    expect(e.details.map((x) => x.what)).toEqual(['photos', 'filesize', 'credit']);
    expect(e.code).toBe('INSUFFICIENT_CREDIT');
    expect(e.message).toBe(
      '12 photos is 2 over your limit of 10 photos per project. 1.20 kB is 400 bytes over your limit of 800 bytes per project. This set needs 1.20 kB of credit; your token has 1.00 kB left (200 bytes short).',
    );
    expect(limitError(info, { project: 'p', photos: 10, parts: 1, filesize: 800 })).toBeUndefined();
  });

  it('normalises server addresses people type', () => {
    expect(normaliseBaseUrl(' openscanfeedback.dnsuser.de:1334/ ')).toBe(
      'http://openscanfeedback.dnsuser.de:1334',
    );
    expect(normaliseBaseUrl('https://h.example/api//')).toBe('https://h.example/api');
    expect(() => normaliseBaseUrl('http://u:p@h.example')).toThrow(/credentials/);
    expect(() => normaliseBaseUrl('http://h.example/?token=x')).toThrow(/query/);
  });
});

describe('fuzz: any reply becomes data or a typed, readable error', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 100);
  const endpoints = [
    'requestToken',
    'getTokenInfo',
    'createProject',
    'startProject',
    'getProjectInfo',
    'resetProject',
    'getQueueEstimate',
    'status',
  ] as const;
  const bodies = fc.oneof(
    fc.string(),
    fc.json(),
    fc.string().map((s) => `<html><title>${s}</title><body><script>${s}</script></body></html>`),
    fc.string().map((s) => JSON.stringify({ error: s })),
    fc.constant('The browser (or proxy) sent a request that this server could not understand.'),
  );

  it('fuzz classifyReply: never throws, errors are ScanBridgeErrors without markup', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...endpoints),
        fc.integer({ min: 100, max: 599 }),
        bodies,
        fc.constantFrom('application/json', 'text/html', 'text/plain', ''),
        (endpoint, status, body, contentType) => {
          const c = classifyReply({ endpoint, host: 'h:1', project: 'p' }, { status, body, contentType });
          if (c.ok) return status < 300;
          expect(c.error).toBeInstanceOf(ScanBridgeError);
          expect(c.error.message.length).toBeGreaterThan(10);
          expect(c.error.message.length).toBeLessThan(400);
          expect(c.error.message).not.toMatch(/<\/?(html|script|body)/i);
          return true;
        },
      ),
      { numRuns: runs },
    );
  });

  it('fuzz unwrapDownloadLink: the result is always an http(s) URL, or a BadResponseError', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(
            fc.constantFrom('http://', 'https://', 'file://', 'javascript:', 'HTTPS://', ''),
            fc.constantFrom('h.example', 'www.dropbox.com', '127.0.0.1:9', ''),
            fc.string(),
            fc.constantFrom('', '?dl=0', '?raw=1', '?id=', '&dl=1'),
            fc.string(),
          )
          .map((parts) => parts.join('')),
        fc.boolean(),
        (u, wrap) => {
          const input = wrap ? `https://w.example/dl?id=${encodeURIComponent(u)}` : u;
          try {
            return /^https?:\/\//.test(unwrapDownloadLink(input));
          } catch (e) {
            return e instanceof BadResponseError;
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
