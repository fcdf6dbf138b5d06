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
  INVALID_TOKEN: {
    said: ['said'],
    node: ['server'],
    nodeNeedsToken: ['server'],
    whitespace: [],
    // No token is set at all (the catalogue's `errorTitle` says so instead of "not known").
    none: [],
  },
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
  // `call`: the API call (getTokenInfo, task/new…), a name not a sentence.
  BAD_RESPONSE: {
    reply: ['server', 'call'],
    redirect: ['server', 'call'],
    webPage: ['server', 'call'],
    empty: ['server', 'call'],
    notJson: ['server', 'call'],
    noSuchCall: ['server', 'call'],
    tooLarge: ['server'],
    notNode: ['server'],
    overCap: ['limit'],
    badLink: [],
    badAddress: [],
    redirectLoop: ['server'],
  },
  BAD_REQUEST: {
    status: ['status'],
    said: ['said'],
    partTooLarge: ['part', 'size'],
    alreadyStarted: ['name'],
    startRefused: ['name'],
    tooLargeForNode: ['server'],
    nodeStatus: ['server', 'status'],
    badUploadLink: ['part'],
  },
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
    // No photos among what was chosen: how many files were looked at, why each was left out (counts by
    // reason, `reasons` below), the first few names.
    noPhotos: ['path', 'count', 'reasons', 'examples'],
    noPhotosIn: ['items', 'count', 'reasons', 'examples'],
    cannotOpen: ['path'],
    noPhotosAt: ['path'],
    noPublicToken: [],
    partSize: ['min', 'max'],
    zipName: ['file'],
    sameName: ['file'],
    badZip: ['file'],
    notFolderWatch: ['path'],
    profileExists: ['name'],
    profileUnknown: ['name'],
    profileField: ['field'],
    profileNameAddress: [],
    tokenChars: [],
    cloudName: ['limit'],
    nameEmpty: [],
    nameTooLong: ['limit'],
    nameChars: ['chars'],
    nameStart: [],
    tokenEmpty: [],
    tokenSpaces: [],
    tokenTooLong: ['limit'],
    address: ['address'],
    addressParts: [],
    mail: ['mail'],
    fullName: [],
    noJob: ['id'],
    setting: ['setting'],
    nothingToSend: [],
    nothingToCheck: [],
    notInReview: [],
    notDownloaded: [],
    noModel: [],
    fileName: [],
    outsideResult: ['file'],
    resultGone: [],
    cloudOnly: [],
    notNode: ['id'],
    noTask: ['id'],
    tooFewPhotos: ['count', 'total'],
  },
  CANCELLED: {},
  NOT_FOUND: {
    job: ['id'],
    resultFile: ['file'],
    noResult: ['name'],
    noLink: [],
    nodeTask: ['task'],
    download: ['server', 'status'],
  },
  // The folder a person can act on (free space there, pick another); `needed`/`free` in bytes.
  DISK: {
    full: ['folder'],
    fullNeeds: ['folder', 'needed', 'free'],
    readOnly: ['folder'],
    permission: ['folder'],
    failed: ['folder', 'errno'],
    read: ['file', 'errno'],
    keyStore: [],
  },
  // `entry`: the archive entry's name made safe to show; sizes in bytes.
  UNSAFE_ARCHIVE: {
    absolute: ['entry'],
    dotdot: ['entry'],
    drive: ['entry'],
    badChars: ['entry'],
    deep: ['entry', 'limit'],
    emptyName: [],
    symlink: ['entry'],
    tooManyFiles: ['limit'],
    bomb: ['entry', 'ratio'],
    tooLarge: ['size', 'limit'],
    tooLargeRatio: ['size', 'ratio'],
    overlap: ['entry', 'other'],
    outsideData: ['entry'],
    outside: ['entry'],
    larger: ['entry'],
    twice: ['entry'],
    fileAndFolder: [],
    unsafeEntry: [],
    notZip: ['file'],
  },
  // `said`: the tool's last error line, sanitised; `step`: the COLMAP command (feature_extractor…).
  TOOL: {
    exit: ['step', 'exit', 'said'],
    exitQuiet: ['step', 'exit'],
    signal: ['step', 'signal', 'said'],
    signalQuiet: ['step', 'signal'],
    notFound: [],
    notAt: ['path'],
    notExecutable: ['path'],
    noVersion: ['path'],
    version: ['version'],
    cannotStart: ['path'],
    noFeatures: [],
    noOutput: ['step', 'file'],
    emptyMesh: [],
    noModel: ['count'],
    fewPoints: ['count'],
    badModel: [],
    appStart: ['app'],
    appMissing: ['app'],
    openFile: ['file'],
  },
  PROCESSING_FAILED: { said: ['said'] },
  BUSY: { folder: ['folder'] },
  DESKTOP_ONLY: {},
  INTERNAL: {},
} as const satisfies Record<ErrorCode, Record<string, readonly string[]>>;

type Details = typeof ERROR_DETAILS;
/**
 * Why files were left out, counted (`INVALID_INPUT.noPhotos`'s `reasons`): "notImage:8,format:3" —
 * codes and counts, data not text; the catalogues say each (`errorReason.<code>`, plural by count).
 */
export const ERROR_REASONS = [
  'notImage',
  'format',
  'empty',
  'unreadable',
  'hidden',
  'duplicate',
  'outside',
  'zip',
  'unsafe',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export function encodeReasons(counts: Partial<Record<ErrorReason, number>>): string {
  return ERROR_REASONS.filter((r) => (counts[r] ?? 0) > 0)
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
    .map((r) => `${r}:${counts[r]}`)
    .join(',');
}

/** The reasons of an encoded list, unknown codes and bad counts dropped (the list came over a wire). */
export function decodeReasons(text: string): { reason: ErrorReason; count: number }[] {
  return text.split(',').flatMap((part) => {
    const [reason, n] = part.split(':');
    const count = Number(n);
    return (ERROR_REASONS as readonly string[]).includes(reason ?? '') &&
      Number.isSafeInteger(count) &&
      count > 0
      ? [{ reason: reason as ErrorReason, count }]
      : [];
  });
}

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
