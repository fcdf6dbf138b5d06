/**
 * The specifics an error carries across the process boundary, so every front end can say them in the
 * person's language: an error has a `code` (what kind of failure), and may have a `detail` (which
 * situation of that kind) with `params` (the figures and names of this one). Each code lists its
 * details and, for each, exactly the params it carries; the catalogues hold one sentence per
 * code+detail (`errorDetail.<code key>.<detail>`) whose placeholders are exactly these params (a test
 * checks en and de against this table). Pure: the renderer formats from it, the core throws by it.
 *
 * Params are data, not text: numbers stay numbers (bytes, counts, HTTP statuses; the catalogue
 * formats them with Intl), and strings are names or what a server said (sanitised and redacted on
 * their way out of the core, bounded by the schema below).
 */
import type { ErrorCode } from './types.js';

export const ERROR_DETAILS = {
  UNAUTHORIZED: { status: ['server', 'status'] },
  INVALID_TOKEN: { said: ['said'], node: ['server'], nodeNeedsToken: ['server'], whitespace: [] },
  PROJECT_EXISTS: { name: ['name'] },
  PROJECT_NOT_FOUND: { name: ['name'] },
  LIMIT_EXCEEDED: {
    photos: ['count', 'limit'],
    filesize: ['size', 'limit'],
    images: ['count', 'limit'],
    preview: ['file', 'size', 'limit'],
    photosRefused: ['count'],
    filesizeRefused: ['size'],
  },
  INSUFFICIENT_CREDIT: { credit: ['size', 'left'], refused: ['size'] },
  NETWORK: {
    refused: ['server'],
    dns: ['server'],
    unreachable: ['server'],
    cut: ['server'],
    tls: ['server'],
    other: ['server'],
  },
  TIMEOUT: { connect: ['server', 'seconds'], reply: ['server', 'seconds'], stalled: ['server'] },
  SERVER: { status: ['status'], busy: [] },
  BAD_RESPONSE: {},
  BAD_REQUEST: { status: ['status'], said: ['said'], partTooLarge: ['part', 'size'] },
  LINK_EXPIRED: { part: ['part'] },
  HASH_MISMATCH: { part: ['part'] },
  SOURCE_CHANGED: { file: ['file'] },
  INVALID_INPUT: {
    noPaths: [],
    missing: ['path'],
    notFullPath: ['path'],
    notFolder: ['path'],
    forbidden: ['path'],
    empty: ['path'],
  },
  CANCELLED: {},
  NOT_FOUND: {},
  DISK: {},
  UNSAFE_ARCHIVE: {},
  TOOL: {},
  PROCESSING_FAILED: { said: ['said'] },
  BUSY: {},
  DESKTOP_ONLY: {},
  INTERNAL: {},
} as const satisfies Record<ErrorCode, Record<string, readonly string[]>>;

type Details = typeof ERROR_DETAILS;
export type ErrorParamValue = string | number | boolean;

/** One detail of one code with exactly its params, e.g. `{ detail: 'photos', params: { count, limit } }`. */
export type ErrorDetailOf<C extends ErrorCode> = C extends ErrorCode
  ? {
      [D in keyof Details[C] & string]: {
        detail: D;
        params: {
          [P in Details[C][D] extends readonly (infer N extends string)[] ? N : never]: ErrorParamValue;
        };
      };
    }[keyof Details[C] & string]
  : never;

/** The params each detail of a code carries (empty when the code has no such detail). */
export function errorDetailParams(code: ErrorCode, detail: string): readonly string[] | undefined {
  const details = ERROR_DETAILS[code] as Record<string, readonly string[] | undefined>;
  return Object.hasOwn(details, detail) ? details[detail] : undefined;
}

/** `LIMIT_EXCEEDED` → `limitExceeded`: the key of a code in the catalogues (`errors.*`, `errorDetail.*`). */
export const errorCodeKey = (code: string): string =>
  code.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
