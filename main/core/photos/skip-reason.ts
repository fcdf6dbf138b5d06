/**
 * Why a file is left out, as a code + parameters the UI translates (skipped.<code> in the catalogues);
 * the English `reason` beside it stays for the CLI and the log. One list, so a new reason cannot reach
 * the screen as an English sentence.
 */
export type SkipCode =
  | 'empty'
  | 'not-regular'
  | 'fifo'
  | 'socket'
  | 'device'
  | 'no-permission'
  | 'gone'
  | 'link-loop'
  | 'io-error'
  | 'is-folder'
  | 'too-many-open'
  | 'unreadable'
  | 'broken-link'
  | 'link-outside'
  | 'folder-seen'
  | 'macos-resource-folder'
  | 'macos-resource-fork'
  | 'ds-store'
  | 'hidden-file'
  | 'hidden-folder'
  | 'system-file'
  | 'system-folder'
  | 'ignored-folder-in-zip'
  | 'zip-twice'
  | 'same-file'
  | 'not-file-folder-zip'
  | 'zip-entry-unreadable'
  | 'zip-encrypted'
  | 'zip-method'
  | 'zip-in-zip'
  | 'zip-in-folder'
  | 'unsafe-nul'
  | 'unsafe-absolute'
  | 'unsafe-drive'
  | 'unsafe-dotdot'
  | 'format-rejected'
  | 'content-empty'
  | 'content-video'
  | 'content-pdf'
  | 'content-archive'
  | 'content-text'
  | 'content-binary';

export interface SkipWhy {
  /** English, for the CLI and the log. */
  reason: string;
  code: SkipCode;
  params?: Record<string, string | number>;
}

/** A short reason from a Node fs error. */
export function osSkip(e: unknown): SkipWhy {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'no-permission', reason: 'cannot read: permission denied' };
    case 'ENOENT':
      return { code: 'gone', reason: 'cannot read: it no longer exists (or is a link to something missing)' };
    case 'ELOOP':
      return { code: 'link-loop', reason: 'cannot read: link loop' };
    case 'EIO':
      return { code: 'io-error', reason: 'cannot read: input/output error (failing disk or card?)' };
    case 'EISDIR':
      return { code: 'is-folder', reason: 'is a folder' };
    case 'EMFILE':
    case 'ENFILE':
      return { code: 'too-many-open', reason: 'cannot read: too many open files' };
    default:
      return {
        code: 'unreadable',
        params: { errno: err.code ?? '?' },
        reason: `cannot read: ${err.code ?? ''} ${err.message ?? String(e)}`.trim(),
      };
  }
}
