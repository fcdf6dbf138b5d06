/* eslint-disable no-control-regex -- matching control characters is what this file is for */
/**
 * Entry names from a server, made safe to create on Windows, macOS and Linux alike, the same way on
 * each (a result extracted on Linux and copied to Windows must not break there). Path escapes are
 * refused by the caller (unsafeEntryReason); everything here is rewritten, never refused, and the
 * caller records each rewrite.
 *
 * Rules, per path segment:
 * - control characters (C0, DEL, C1) and bidi overrides → "_" (a name must not forge a terminal line
 *   or read backwards in a file manager);
 * - < > : " | ? * → "_" (not allowed on Windows; ':' is also a macOS Finder separator);
 * - trailing dots and spaces are dropped (Windows drops them itself, so two entries could collide);
 * - a Windows reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, any case, with or without
 *   an extension) gets a "_" prefix;
 * - at most 255 UTF-8 bytes (ext4, APFS, NTFS limits), cut before the extension.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
export const MAX_SEGMENT_BYTES = 255;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts `s` to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (utf8Length(out + ch) > max) break;
    out += ch;
  }
  return out;
}

export function safeSegment(segment: string): string {
  let s = segment.replace(CONTROL, '_').replace(BIDI, '_').replace(WINDOWS_FORBIDDEN, '_');
  s = s.replace(/[. ]+$/, '');
  if (s === '') s = '_';
  if (RESERVED.test(s)) s = `_${s}`;
  if (utf8Length(s) > MAX_SEGMENT_BYTES) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
    s = cutBytes(s.slice(0, s.length - ext.length), MAX_SEGMENT_BYTES - utf8Length(ext)) + ext;
  }
  return s;
}

/** A '/'-separated entry name with every segment made safe (a trailing '/' of a folder is kept). */
export function safeEntryName(name: string): string {
  const folder = name.endsWith('/');
  const segments = (folder ? name.slice(0, -1) : name).split('/').map(safeSegment);
  return segments.join('/') + (folder ? '/' : '');
}
