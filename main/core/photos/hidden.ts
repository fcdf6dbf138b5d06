/**
 * Files and folders that are never photos, put there by operating systems and tools. They are
 * skipped by name (reported once, so a `.git` folder is one line, not ten thousand).
 */
import type { SkipWhy } from './skip-reason.js';

const SYSTEM_NAMES = new Set([
  'thumbs.db',
  'ehthumbs.db',
  'ehthumbs_vista.db',
  'desktop.ini',
  '__macosx',
  '$recycle.bin',
  'system volume information',
  'icon\r',
]);

/** Why a name is skipped, or undefined for a normal name. */
export function hiddenReason(name: string, isDir: boolean): SkipWhy | undefined {
  const lower = name.toLowerCase();
  if (lower === '__macosx')
    return { code: 'macos-resource-folder', reason: 'macOS resource folder (__MACOSX)' };
  if (name.startsWith('._')) return { code: 'macos-resource-fork', reason: 'macOS resource fork file' };
  if (name === '.DS_Store') return { code: 'ds-store', reason: 'macOS folder settings file (.DS_Store)' };
  if (name.startsWith('.'))
    return isDir
      ? { code: 'hidden-folder', reason: 'hidden folder' }
      : { code: 'hidden-file', reason: 'hidden file' };
  if (SYSTEM_NAMES.has(lower))
    return isDir
      ? { code: 'system-folder', reason: 'system folder' }
      : { code: 'system-file', reason: 'system file' };
  return undefined;
}

/** Extensions users give photos; a JPEG or PNG with another name gets an extension-mismatch warning. */
export function extensionMatches(name: string, format: 'jpeg' | 'png'): boolean {
  const dot = name.lastIndexOf('.');
  const ext = dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  return format === 'jpeg' ? ['jpg', 'jpeg', 'jpe', 'jfif'].includes(ext) : ext === 'png';
}
