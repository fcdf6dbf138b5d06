/**
 * A set against a token's credit and limits (getTokenInfo: credit, limit_filesize, limit_photos), said
 * with numbers a person can act on, in one wording for the whole app. Checked before any project
 * exists (jobs/cloud-backend), and by the client to explain the cloud's reasonless 400 after the fact.
 * Credit is counted in bytes, like limit_filesize (the cloud's public token gets "about 10 GB per day").
 */
import { LimitExceededError } from '../errors.js';
import { formatBytes } from '../format-bytes.js';
import type { LimitItem } from '../../contract/index.js';
import type { CreateProjectParams, TokenInfo } from './types.js';

/** What the check needs of a token: the contract's TokenInfo. */
export type TokenLimits = TokenInfo;

/**
 * A set over a limit, on any backend: the cloud's token limits here, a NodeODM node's `maxImages`
 * ('images', nodeodm/backend.ts). The one type the job manager turns into a LimitExceededError.
 */
export interface LimitCheckProblem {
  what: 'photos' | 'filesize' | 'credit' | 'images';
  limit: number;
  actual: number;
  message: string;
}

export interface LimitReport {
  ok: boolean;
  problems: LimitCheckProblem[];
}

const count = (n: number): string => n.toLocaleString('en-US');
/** A limit we can compare against; anything else (missing, negative, NaN) is treated as "no limit". */
const usable = (n: number): boolean => Number.isFinite(n) && n >= 0;

/**
 * Every limit the token sets, against the set, over or not (the review lists them all). `bytes` is
 * what the cloud will be told: the zip's size for a job; the photos' sum in the review, before a zip
 * is planned (the zip adds its headers: about 100 bytes a photo).
 */
export function limitItems(input: { photoCount: number; bytes: number }, limits: TokenLimits): LimitItem[] {
  const { photoCount, bytes } = input;
  const item = (what: LimitItem['what'], limit: number, actual: number): LimitItem[] =>
    usable(limit) ? [{ what, limit, actual, over: actual > limit }] : [];
  return [
    ...item('photos', limits.limit_photos, photoCount),
    ...item('filesize', limits.limit_filesize, bytes),
    ...item('credit', limits.credit, bytes),
  ];
}

export function checkAgainstLimits(
  input: { photoCount: number; bytes: number },
  limits: TokenLimits,
): LimitReport {
  const problems: LimitCheckProblem[] = [];
  const { photoCount, bytes } = input;
  const over = new Set(
    limitItems(input, limits)
      .filter((i) => i.over)
      .map((i) => i.what),
  );
  if (over.has('photos')) {
    const over = photoCount - limits.limit_photos;
    problems.push({
      what: 'photos',
      limit: limits.limit_photos,
      actual: photoCount,
      message: `${count(photoCount)} photos is ${count(over)} over your limit of ${count(limits.limit_photos)} photos per project.`,
    });
  }
  if (over.has('filesize')) {
    problems.push({
      what: 'filesize',
      limit: limits.limit_filesize,
      actual: bytes,
      message: `${formatBytes(bytes)} is ${formatBytes(bytes - limits.limit_filesize)} over your limit of ${formatBytes(limits.limit_filesize)} per project.`,
    });
  }
  if (over.has('credit')) {
    problems.push({
      what: 'credit',
      limit: limits.credit,
      actual: bytes,
      message: `This set needs ${formatBytes(bytes)} of credit; your token has ${formatBytes(limits.credit)} left (${formatBytes(bytes - limits.credit)} short).`,
    });
  }
  return { ok: problems.length === 0, problems };
}

/** The report as one typed error (code INSUFFICIENT_CREDIT when credit is among the problems). */
export function limitReportError(report: LimitReport): LimitExceededError {
  const hints: string[] = [];
  const whats = new Set(report.problems.map((p) => p.what));
  if (whats.has('photos') || whats.has('filesize'))
    hints.push('Remove some photos or split the set into several projects.');
  if (whats.has('credit'))
    hints.push('Wait for your credit to renew, or ask cloud@openscan.eu for a private token.');
  const message =
    report.problems.length === 0
      ? 'The set is within your limits.'
      : report.problems.map((p) => p.message).join(' ');
  return new LimitExceededError(
    message,
    report.problems.map(({ what, limit, actual }) => ({ what, limit, actual })),
    hints.length > 0 ? hints.join(' ') : undefined,
  );
}

/** The error for a set over the limits, or undefined when it is within them. */
export function limitError(info: TokenInfo, c: CreateProjectParams): LimitExceededError | undefined {
  const report = checkAgainstLimits({ photoCount: c.photos, bytes: c.filesize }, info);
  return report.ok ? undefined : limitReportError(report);
}
