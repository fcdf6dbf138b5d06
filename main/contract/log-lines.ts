/**
 * The job log's lines by code + params (issue 14: one language at a time). Every line the core writes
 * into the log names a code from this closed table and exactly the params the code lists; the front
 * ends say it from the catalogue (`logLine.<code>`, en + de, a test checks both against this table),
 * so the Log view and the CLI speak the person's language. The line's English `message` still travels
 * with it (the diagnostics zip, entries from before codes existed).
 *
 * A param named `error` is not a param: it stands for the line's `error` (a SerializedError), which
 * the front ends say in their language (title + specifics) and put where `{{error}}` stands.
 * The `scan*` codes and `localSkipped` are open: besides the listed params they carry the params of
 * the words they name (`skippedFile.<reason>`, `warning.<warning>`, `cliCmd.reconstruct.why.<reason>`,
 * e.g. count, paths, minimum, ext); in the core
 * they may carry `english` too (the English words, for `message` only: it never leaves the core).
 *
 * `count`, where a code has it, is the number the sentence's plural follows (i18next's rule).
 *
 * Lines a tool wrote (COLMAP's output, a NodeODM node's console) have no code: they carry `tool` and
 * are shown verbatim, as the tool said them.
 */
export const LOG_LINES = {
  // ── the job (manager) ──
  jobFailed: ['error'],
  createRetry: ['seconds', 'error'],
  startRetry: ['seconds', 'error'],
  statusCheckFailed: ['error'],
  status: ['status'],
  /** `status` is a cloud status key (CloudStatusKeySchema), said as `cloudStatus.<key>`; `said` the cloud's word. */
  cloudStatus: ['status', 'said'],
  statusNone: [],
  cleanupFailed: ['error'],
  removeTaskFailed: ['error'],
  sendAgain: ['error'],
  newProjectAfterForgotten: ['project'],
  // ── the set (photos/set.ts scan notes) ──
  scanSkipped: ['file', 'reason'],
  scanRejected: ['file', 'reason'],
  scanWarning: ['warning'],
  // ── OpenScan Cloud ──
  cloudLinksMismatch: ['links', 'parts'],
  cloudProjectContinued: ['project'],
  cloudProjectCreated: ['project', 'count', 'size'],
  cloudUnverified: [],
  partRetry: ['part', 'attempt', 'seconds', 'error'],
  cloudProcessingStarted: ['project'],
  resultRenamed: ['from', 'to'],
  resultSaved: ['folder', 'count'],
  // ── NodeODM ──
  nodeTaskCreated: ['task', 'node'],
  nodeUploadRetry: ['file', 'count', 'attempt', 'seconds', 'error'],
  nodeSent: ['count', 'requests', 'retried'],
  nodeTaskCommitted: ['task'],
  downloadRetry: ['attempt', 'seconds', 'error'],
  resultExtracted: ['count', 'folder'],
  nodeTaskRestarted: ['task', 'node'],
  // ── local reconstruction (COLMAP's own lines are tool lines) ──
  localColmapDense: ['version', 'source', 'command'],
  localColmapSparse: ['version', 'source', 'command'],
  /**
   * matcher, why (main/core/local/plan.ts MatcherWhy) and camera ('shared' | 'perPhoto') are said
   * from `logWords.*`; focal 0: none. Open: `figure` is why's figure (pairs, a photo limit).
   */
  localPlan: ['matcher', 'why', 'camera', 'focal', 'features', 'size', 'threads'],
  localSkipped: ['file', 'reason'],
  localModels: ['count', 'path'],
  localNoMesh: ['error'],
  // ── watch folders ──
  watchError: ['folder', 'error'],
  watchSetChanged: ['set'],
  watchSetSent: ['set', 'job'],
  watchSetSentAs: ['set', 'job', 'project'],
  watchSetDeleted: ['set'],
  watchSetKept: ['set'],
  watchFolderBack: ['folder'],
  watchFolderGone: ['folder'],
  watchSetFailed: ['set', 'error'],
  // ── the app service (main/core/service) and the desktop shell ──
  jobCreated: ['job', 'project'],
  scanned: ['paths', 'count', 'skipped'],
  checkGood: ['check', 'flagged', 'count', 'seconds'],
  checkRisky: ['check', 'flagged', 'count', 'seconds'],
  checkWillFail: ['check', 'flagged', 'count', 'seconds'],
  checkFailed: ['check', 'error'],
  openedWith: ['file', 'app'],
  nodeTokenSaved: ['profile'],
  nodeTokenRemoved: ['profile'],
  projectReset: ['project'],
  downloaded: ['project', 'folder'],
  tokenSaved: ['masked'],
  tokenPublic: [],
  tokenRequested: [],
  tokenRemoved: [],
  settingsChanged: ['keys'],
  diagnosticsSaved: ['path'],
  resumeFailed: ['error'],
  quitCheckFailed: ['error'],
  updatesOff: ['error'],
  updateCheckFailed: ['error'],
} as const satisfies Record<string, readonly string[]>;

type Lines = typeof LOG_LINES;
export type LogCode = keyof Lines;
export const LOG_CODES = Object.keys(LOG_LINES) as [LogCode, ...LogCode[]];
export type LogParamValue = string | number | boolean;

/** Codes that also carry the params of the catalogue words they name (see above). */
export const OPEN_LOG_CODES: readonly LogCode[] = [
  'scanSkipped',
  'scanRejected',
  'scanWarning',
  'localSkipped',
  'localPlan',
];
type OpenCode = 'scanSkipped' | 'scanRejected' | 'scanWarning' | 'localSkipped' | 'localPlan';

type Names<C extends LogCode> = Lines[C][number];
/** The params of a code, exactly (the `error` pseudo-param aside; open codes take more). */
export type LogParamsOf<C extends LogCode> = {
  [P in Exclude<Names<C>, 'error'>]: LogParamValue;
} & (C extends OpenCode ? Record<string, LogParamValue> : unknown);

/**
 * One coded line as the core writes it, e.g. `{ code: 'partRetry', params: { part, attempt, seconds },
 * error }`: a wrong or missing param is a type error at the call site.
 */
export type LogLineOf<C extends LogCode> = C extends LogCode
  ? { code: C; params: LogParamsOf<C> } & ('error' extends Names<C> ? { error: unknown } : { error?: never })
  : never;
export type LogLine = LogLineOf<LogCode>;

/** The tools whose own lines go into the log verbatim. */
export const LOG_TOOLS = ['colmap', 'nodeodm'] as const;
export type LogTool = (typeof LOG_TOOLS)[number];

/** The params a code lists (without `error`), or undefined for a code not in the table. */
export function logLineParams(code: string): readonly string[] | undefined {
  if (!Object.hasOwn(LOG_LINES, code)) return undefined;
  return (LOG_LINES[code as LogCode] as readonly string[]).filter((p) => p !== 'error');
}
