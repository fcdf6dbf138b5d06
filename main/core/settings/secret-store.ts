import { InvalidInputError } from '../errors.js';

/**
 * Where a token lives. The Electron shell implements it with safeStorage; web mode and the CLI use
 * the file store. Callers get the token only to put it into a request: never log it, never send it
 * to the renderer (use maskToken from ../redact.js).
 */
export interface SecretStore {
  get(): Promise<string | undefined>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
  /** Honest about protection at rest: the UI tells the user when `encrypted` is false. */
  describe(): SecretStoreInfo;
}

export interface SecretStoreInfo {
  encrypted: boolean;
  /** e.g. 'file', 'safeStorage:keychain', 'safeStorage:gnome_libsecret', 'memory'. */
  backend: string;
  /** False when the token will be forgotten when the app quits (Linux without a keyring). */
  persistent?: boolean;
  /** A sentence for the user, when there is something they should know. */
  note?: string;
}

/** Longest token we accept; real ones are far shorter, this only stops pasting a whole file. */
export const MAX_TOKEN_LENGTH = 512;

/**
 * People paste tokens from mails: leading/trailing blanks, line breaks, a stray space inside.
 * Whitespace never belongs to a token, so it is removed; anything else unusual is refused with a
 * message rather than sent to the server and answered with a confusing 401.
 */
export function normalizeToken(input: unknown): string {
  if (typeof input !== 'string')
    throw new InvalidInputError('The token must be text.', undefined, { detail: 'tokenChars', params: {} });
  const token = input.replace(/[\s\u200B-\u200D\uFEFF]+/g, '');
  if (token.length === 0)
    throw new InvalidInputError('The token is empty.', 'Paste the token from your mail.', {
      detail: 'tokenEmpty',
      params: {},
    });
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new InvalidInputError(
      `The token is too long (${token.length} characters).`,
      'Paste only the token itself.',
      { detail: 'tokenTooLong', params: { limit: MAX_TOKEN_LENGTH } },
    );
  }
  if (!/^[\x21-\x7E]+$/.test(token)) {
    throw new InvalidInputError(
      'The token contains characters a token cannot have.',
      'Copy it again from your mail, without quotes or formatting.',
      { detail: 'tokenChars', params: {} },
    );
  }
  return token;
}

/** Keeps the token for this process only: the fallback when nothing safer is available. */
export function createMemorySecretStore(note?: string): SecretStore {
  let value: string | undefined;
  return {
    get: async () => value,
    set: async (token) => {
      value = normalizeToken(token);
    },
    clear: async () => {
      value = undefined;
    },
    describe: () => ({ encrypted: false, backend: 'memory', persistent: false, ...(note ? { note } : {}) }),
  };
}
