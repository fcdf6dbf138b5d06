/**
 * What the core writes into a log: a coded line (main/contract/log-lines.ts), which the front ends
 * say from the catalogue in the person's language, or a tool's own line (COLMAP, a NodeODM console),
 * shown verbatim. Each coded line also gets its English sentence (`message`): the diagnostics zip and
 * any reader without the catalogue read that. The English here and `logLine.*` in
 * renderer/i18n/en.ts say the same; the catalogue is what people see.
 */
import type { LogCode, LogLine, LogLineOf, LogParamsOf, LogTool } from '../contract/log-lines.js';
import type { LogEntry, SerializedError } from '../contract/types.js';
import { ERROR_PARAM_MAX_STRING } from '../contract/schemas.js';

/** The contract's bound on params (ErrorParamsSchema). */
const ERROR_PARAM_MAX_COUNT = 8;
/** A log line's message is one line of at most this many characters (a tool can print a novel). */
const MESSAGE_MAX = 4000;
import { toSerializedError } from './errors.js';
import { redactUrl } from './redact.js';
import { sanitize } from './sanitize.js';

export type { LogCode, LogLine, LogLineOf, LogTool };

/** A tool's own output line, kept as it said it (made printable). */
export interface ToolLine {
  tool: LogTool;
  text: string;
}
export type LogText = LogLine | ToolLine;

/** The fields of a log entry a line gives (LogEntry without `at`, `level`, `jobId`). */
export type LogFields = Pick<LogEntry, 'message' | 'code' | 'params' | 'error' | 'tool'>;

/** Why a matcher was chosen (main/core/local/plan.ts MatcherWhy), as the summary says it. */
const WHY_EN: Record<string, (figure: number) => string> = {
  user: () => 'chosen by the user',
  checkGraph: (n) => `the pre-flight check's match graph (${n} pairs)`,
  exifTimes: () => 'ordered capture (EXIF capture times)',
  numberedNames: () => 'ordered capture (numbered file names)',
  tooMany: (n) => `more than ${n} photos with no clear order: exhaustive matching would take hours`,
  noOrder: () => 'no clear capture order',
};

type English = { [C in LogCode]: (p: LogParamsOf<C>, error: string) => string };
const s = (n: unknown, one: string, many = `${one}s`) => `${String(n)} ${Number(n) === 1 ? one : many}`;

const EN: English = {
  jobFailed: (_p, e) => e,
  createRetry: (p, e) => `Creating the project: ${e} Trying again in ${p.seconds} s.`,
  startRetry: (p, e) => `Starting: ${e} Trying again in ${p.seconds} s.`,
  statusCheckFailed: (_p, e) => `Could not check the status (${e}); still trying.`,
  status: (p) => `Status: ${p.status}`,
  cloudStatus: (p) => `Status: ${p.said}`,
  statusNone: () => 'Status: (none)',
  cleanupFailed: (_p, e) => `Could not clean up on the backend: ${e}`,
  removeTaskFailed: (_p, e) => `Could not remove the task on the backend: ${e}`,
  sendAgain: (_p, e) => `${e} Sending the set again.`,
  newProjectAfterForgotten: (p) => `Starting ${p.project} again as a new project (the cloud forgot it).`,
  scanSkipped: (p) => `Skipped ${p.file}: ${p.english ?? p.reason}`,
  scanRejected: (p) => `Not accepted: ${p.file}: ${p.english ?? p.reason}`,
  scanWarning: (p) => String(p.english ?? p.warning),
  cloudLinksMismatch: (p) =>
    `The cloud returned ${p.links} upload links for ${p.parts} parts; resetting the project.`,
  cloudProjectContinued: (p) => `Project ${p.project} was created by an earlier run; continuing it.`,
  cloudProjectCreated: (p) => `Created project ${p.project}: ${s(p.count, 'part')}, ${p.size} bytes.`,
  cloudUnverified: () =>
    'The upload server does not confirm parts with a content hash we can check; they are accepted unverified.',
  partRetry: (p, e) => `Part ${p.part}: ${e} Retry ${p.attempt} in ${p.seconds} s.`,
  cloudProcessingStarted: (p) => `Processing of ${p.project} started.`,
  resultRenamed: (p) => `Saved "${p.from}" as "${p.to}" (unsafe name).`,
  resultSaved: (p) => `Model saved to ${p.folder} (${s(p.count, 'file')}).`,
  nodeTaskCreated: (p) => `Created task ${p.task} on ${p.node}.`,
  nodeUploadRetry: (p, e) =>
    `Upload of ${p.file} … (${s(p.count, 'photo')}) failed: ${e} Retry ${p.attempt} in ${p.seconds} s.`,
  nodeSent: (p) => `Sent ${s(p.count, 'photo')} in ${s(p.requests, 'request')} (${p.retried} retried).`,
  nodeTaskCommitted: (p) => `Task ${p.task} committed; the node starts processing.`,
  downloadRetry: (p, e) => `Download interrupted: ${e} Resuming (try ${p.attempt}) in ${p.seconds} s.`,
  resultExtracted: (p) => `Extracted ${s(p.count, 'file')} into ${p.folder}.`,
  nodeTaskRestarted: (p) => `Task ${p.task} restarted on ${p.node} with the photos it already has.`,
  localColmapDense: (p) =>
    `COLMAP ${p.version} (${p.source}: ${p.command}). This machine can make a sparse model and a detailed (dense) mesh with its NVIDIA GPU.`,
  localColmapSparse: (p) =>
    `COLMAP ${p.version} (${p.source}: ${p.command}). This machine can make a sparse model and a rough mesh; a detailed mesh needs an NVIDIA GPU or the cloud.`,
  localPlan: (p) =>
    `Plan: ${p.matcher} matching (${WHY_EN[String(p.why)]?.(Number(p.figure)) ?? p.why}), ${p.camera === 'shared' ? 'one shared camera' : 'one camera per photo'}${p.focal ? ` (EXIF focal length ${p.focal} px)` : ''}, up to ${p.features} features at ${p.size} px, ${p.threads} threads.`,
  localSkipped: (p) => `Skipping ${p.file}: ${p.english ?? p.reason}`,
  localModels: (p) =>
    `COLMAP made ${p.count} separate models (the photos fall into groups that do not overlap); using the largest, ${p.path}.`,
  localNoMesh: (_p, e) => `No mesh: ${e}`,
  watchError: (p, e) => `Watching ${p.folder}: ${e}`,
  watchSetChanged: (p) => `${p.set} changed after it was sent; sending it again as a new project.`,
  watchSetSent: (p) => `${p.set}: complete, sent as job ${p.job}.`,
  watchSetSentAs: (p) => `${p.set}: complete, sent as job ${p.job} (${p.project}).`,
  watchSetDeleted: (p) => `${p.set}: done; deleted as the rule asks.`,
  watchSetKept: (p) => `${p.set}: done, but it changed since it was sent, so it was kept.`,
  watchFolderBack: (p) => `The watch folder ${p.folder} is back; watching again.`,
  watchFolderGone: (p) =>
    `The watch folder ${p.folder} is gone (deleted, renamed or unmounted). Waiting for it to come back.`,
  watchSetFailed: (p, e) => `${p.set}: ${e}`,
  jobCreated: (p) => `Job ${p.job} created for ${p.project}.`,
  scanned: (p) => `Scanned ${p.paths}: ${s(p.count, 'photo')}, ${p.skipped} skipped.`,
  checkGood: (p) => `Check ${p.check}: good, ${p.flagged} of ${p.count} photos flagged, ${p.seconds} s.`,
  checkRisky: (p) => `Check ${p.check}: risky, ${p.flagged} of ${p.count} photos flagged, ${p.seconds} s.`,
  checkWillFail: (p) =>
    `Check ${p.check}: will fail, ${p.flagged} of ${p.count} photos flagged, ${p.seconds} s.`,
  checkFailed: (p, e) => `Check ${p.check} failed: ${e}`,
  openedWith: (p) => `Opened ${p.file} with ${p.app}.`,
  nodeTokenSaved: (p) => `NodeODM token saved for profile ${p.profile}.`,
  nodeTokenRemoved: (p) => `NodeODM token removed for profile ${p.profile}.`,
  projectReset: (p) => `Project ${p.project} reset.`,
  downloaded: (p) => `Downloaded ${p.project} into ${p.folder}.`,
  tokenSaved: (p) => `Token saved (${p.masked}).`,
  tokenPublic: () => 'Using the public token.',
  tokenRequested: () => 'Token requested; it will arrive by mail.',
  tokenRemoved: () => 'Token removed.',
  settingsChanged: (p) => `Settings changed: ${p.keys}.`,
  diagnosticsSaved: (p) => `Diagnostics saved to ${p.path}.`,
  resumeFailed: (_p, e) => `Could not resume jobs: ${e}`,
  quitCheckFailed: (_p, e) => `Quit check failed: ${e}`,
  updatesOff: (_p, e) => `updates off: ${e}`,
  updateCheckFailed: (_p, e) => `update check failed: ${e}`,
};

/** The English sentence of a coded line (what the diagnostics zip says). */
export function englishOf(line: LogLine, error?: SerializedError): string {
  const err = error ? [error.message, error.hint].filter(Boolean).join(' ') : '';
  return (EN[line.code] as (p: Record<string, unknown>, e: string) => string)(line.params, err);
}

/**
 * A line as the entry's fields: the English message, and the code with its params made safe to show
 * (server words printable, signed-URL secrets cut, within the contract's bounds), the error serialised.
 * Redacting known tokens is the service's (it knows them).
 */
export function logFields(line: LogText): LogFields {
  if ('tool' in line) return { message: sanitize(line.text, MESSAGE_MAX), tool: line.tool };
  const error = line.error === undefined ? undefined : toSerializedError(line.error);
  const params: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(line.params as Record<string, unknown>)) {
    // `english` is the English words of an open code's named entry: for the message only.
    if (k === 'english') continue;
    if (typeof v === 'string') params[k] = sanitize(redactUrl(v), ERROR_PARAM_MAX_STRING);
    else if (typeof v === 'number') params[k] = Number.isFinite(v) ? v : -1;
    else if (typeof v === 'boolean') params[k] = v;
  }
  const message = sanitize(englishOf(line, error), MESSAGE_MAX);
  // Past the contract's bound (an open code's words with many params) the line goes as its message.
  if (Object.keys(params).length > ERROR_PARAM_MAX_COUNT) return { message };
  return { message, code: line.code, params, ...(error ? { error } : {}) };
}
