import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProjectNotFoundError, ScanBridgeError } from './errors.js';
import { hasControl, sanitize } from './sanitize.js';

describe('sanitize: server text is data', () => {
  it.each([
    ['OSC title change (BEL)', 'ok\u001b]0;owned\u0007 done', 'ok done'],
    ['OSC hyperlink (ST)', 'see \u001b]8;;http://evil\u001b\\here\u001b]8;;\u001b\\', 'see here'],
    ['CSI clear screen + cursor home', '\u001b[2J\u001b[Hprocessing', 'processing'],
    ['CSI colour', '\u001b[31mred\u001b[0m', 'red'],
    ['8-bit CSI and OSC', '\u009b2Jx\u009d0;t\u0007y', 'xy'],
    [
      'CR/LF forging a line of our output',
      'processing\r\nerror: your token leaked',
      'processing error: your token leaked',
    ],
    ['bare CR overwriting the line', 'all good\rFAILED', 'all good FAILED'],
    ['bidi override', 'model\u202egpj.exe', 'modelgpj.exe'],
    ['NUL, BEL, backspace and DEL', 'a\u0000b\u0007c\u0008d\u007fe', 'abcde'],
    ['DCS string', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
  ])('%s', (_case, input, out) => {
    expect(sanitize(input)).toBe(out);
    expect(hasControl(sanitize(input))).toBe(false);
  });

  it('keeps ordinary text, accents and emoji, and caps the length', () => {
    expect(sanitize('Verarbeitung läuft — 50 % ✓')).toBe('Verarbeitung läuft — 50 % ✓');
    expect(sanitize('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('property: the result never holds a control byte, a bidi mark or a line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = sanitize(s);
        return !hasControl(out) && !/[\r\n]/.test(out);
      }),
      { numRuns: 2000 },
    );
  });

  it('every typed error is sanitised at birth (message and hint)', () => {
    const e = new ScanBridgeError('SERVER', 'status: \u001b]0;x\u0007done\r\nerror: forged', {
      hint: '\u001b[2Jhint',
    });
    expect(e.message).toBe('status: done error: forged');
    expect(e.hint).toBe('hint');
    expect(hasControl(new ProjectNotFoundError('p\u001b[31m').message)).toBe(false);
  });
});
