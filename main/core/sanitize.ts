/* eslint-disable no-control-regex -- matching control characters is what this file is for */
/**
 * Server text is data. Everything a server says (a status, an error, a file name, a console line)
 * passes through `sanitize` before it reaches a terminal, a log line, the UI or a notification, so a
 * hostile server cannot retitle the terminal (OSC), clear the screen or move the cursor (CSI), forge a
 * line of our own output (CR/LF), or make text read backwards (bidi overrides).
 *
 * What is removed: ESC sequences (CSI, OSC up to BEL or ST, other two-byte escapes) and their 8-bit
 * C1 forms (0x9B CSI, 0x9D OSC), every other C0/C1 control and DEL, and the bidi embedding/override/
 * isolate marks. CR, LF and TAB become one space; runs of spaces collapse. The result is one line.
 */
const OSC = /(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
/** DCS, SOS, PM, APC: strings up to ST, like OSC. */
const STRINGS = /(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)?/g;
const ESC_OTHER = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const LINE_BREAKS = /[\r\n\t\u000b\u000c\u0085\u2028\u2029]+/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: unknown, maxLength = 1000): string {
  const s = String(text ?? '')
    .replace(OSC, '')
    .replace(STRINGS, '')
    .replace(CSI, '')
    .replace(ESC_OTHER, '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return s.length > maxLength ? `${s.slice(0, maxLength - 1)}…` : s;
}

/** True when `text` holds a byte `sanitize` would remove (tests assert output has none). */
export function hasControl(text: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text);
}
