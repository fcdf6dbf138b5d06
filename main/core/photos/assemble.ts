/** Outcomes → the ScanResult: deterministic order, file-level and set-level warnings, or the "no photos" error. */
import { encodeReasons, type ErrorReason } from '../../contract/error-details.js';
import { InvalidInputError } from '../errors.js';
import type { SkipCode } from './skip-reason.js';
import type { Outcome } from './inspect.js';
import { naturalCompare } from './natural-sort.js';
import { listPaths, setWarnings } from './warnings.js';
import type { Photo, ScanIssue, ScanResult, ScanWarning } from './types.js';

export interface Tagged<T> {
  root: number;
  item: T;
}
function byRootThen<T>(key: (t: T) => string): (a: Tagged<T>, b: Tagged<T>) => number {
  return (a, b) => a.root - b.root || naturalCompare(key(a.item), key(b.item));
}

export function assemble(
  paths: string[],
  outcomes: Tagged<Outcome>[],
  listed: Tagged<ScanIssue>[],
): ScanResult {
  const photos: Tagged<Photo>[] = [];
  const skipped: Tagged<ScanIssue>[] = [...listed];
  const rejected: Tagged<ScanIssue>[] = [];
  const truncated: Tagged<Photo>[] = [];
  const mismatched: Tagged<Photo>[] = [];
  const zero: Tagged<string>[] = [];
  for (const { root, item: o } of outcomes) {
    if (o.kind === 'photo') {
      photos.push({ root, item: o.photo });
      if (o.truncated) truncated.push({ root, item: o.photo });
      if (o.extMismatch) mismatched.push({ root, item: o.photo });
    } else if (o.kind === 'zero') {
      zero.push({ root, item: o.displayPath });
      skipped.push({
        root,
        item: { displayPath: o.displayPath, code: 'empty', reason: 'empty file (0 bytes)' },
      });
    } else (o.kind === 'skipped' ? skipped : rejected).push({ root, item: o.issue });
  }
  const byRel = byRootThen<Photo>((p) => p.relPath);
  photos.sort(byRel);
  const issueOrder = byRootThen<ScanIssue>((i) => i.displayPath);
  skipped.sort(issueOrder);
  rejected.sort(issueOrder);
  zero.sort(byRootThen<string>((s) => s));
  truncated.sort(byRel);
  mismatched.sort(byRel);

  const sorted = photos.map((t) => t.item);
  if (sorted.length === 0)
    throw noPhotos(
      paths,
      skipped.map((t) => t.item),
      rejected.map((t) => t.item),
    );

  const warnings: ScanWarning[] = [];
  if (truncated.length > 0) {
    const ps = truncated.map((t) => t.item.displayPath);
    warnings.push({
      code: 'truncated',
      message: `${ps.length === 1 ? '1 photo looks' : `${ps.length} photos look`} cut short (no end-of-image marker): ${listPaths(ps)}. Copy them again from the camera or card.`,
      paths: ps,
      params: { count: ps.length },
    });
  }
  if (zero.length > 0) {
    const ps = zero.map((t) => t.item);
    warnings.push({
      code: 'zero-bytes',
      message: `${ps.length === 1 ? '1 file is' : `${ps.length} files are`} empty (0 bytes) and left out: ${listPaths(ps)}. An interrupted copy?`,
      paths: ps,
      params: { count: ps.length },
    });
  }
  if (mismatched.length > 0) {
    const ps = mismatched.map((t) => t.item.displayPath);
    const eg = mismatched[0]!.item;
    warnings.push({
      code: 'extension-mismatch',
      message: `${ps.length === 1 ? '1 photo has a name' : `${ps.length} photos have names`} that do not match the content (e.g. "${eg.displayPath}" is a ${eg.format.toUpperCase()}): ${listPaths(ps)}. They are included as what they really are.`,
      paths: ps,
      params: { count: ps.length, example: eg.displayPath, format: eg.format.toUpperCase() },
    });
  }
  warnings.push(...setWarnings(sorted));
  return {
    photos: sorted,
    skipped: skipped.map((t) => t.item),
    rejected: rejected.map((t) => t.item),
    warnings,
    totalBytes: sorted.reduce((n, p) => n + p.size, 0),
  };
}

function noPhotos(paths: string[], skipped: ScanIssue[], rejected: ScanIssue[]): InvalidInputError {
  const where = paths.length === 1 ? `"${paths[0]}"` : `the ${paths.length} chosen items`;
  const left = [...rejected, ...skipped];
  if (left.length === 0)
    return new InvalidInputError(
      `No photos found in ${where}: it is empty.`,
      'Choose the folder or zip that holds the JPEG or PNG photos.',
      paths.length === 1 ? { detail: 'empty', params: { path: paths[0] ?? '' } } : undefined,
    );
  const byReason: Partial<Record<ErrorReason, number>> = {};
  for (const i of left) byReason[REASON_OF[i.code]] = (byReason[REASON_OF[i.code]] ?? 0) + 1;
  const said = {
    count: left.length,
    reasons: encodeReasons(byReason),
    examples: left
      .slice(0, 3)
      .map((i) => i.displayPath)
      .join(', ')
      .concat(left.length > 3 ? ', …' : ''),
  };
  const shown = left.slice(0, 5).map((i) => `${i.displayPath} (${i.reason})`);
  const more = left.length > shown.length ? `, and ${left.length - shown.length} more` : '';
  const files = (n: number): string => `${n} ${n === 1 ? 'file' : 'files'}`;
  const counts = [
    rejected.length > 0 ? `${files(rejected.length)} not accepted` : '',
    skipped.length > 0 ? `${files(skipped.length)} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return new InvalidInputError(
    `No photos found in ${where}: ${counts}: ${shown.join('; ')}${more}.`,
    rejected.length > 0
      ? 'The cloud accepts JPEG and PNG photos: convert the others first.'
      : 'Choose the folder or zip that holds the JPEG or PNG photos.',
    paths.length === 1
      ? { detail: 'noPhotos', params: { path: paths[0] ?? '', ...said } }
      : { detail: 'noPhotosIn', params: { items: paths.length, ...said } },
  );
}

/** Each reason a file is left out, in the few words a person reads in "no photos found". */
const REASON_OF: Record<SkipCode, ErrorReason> = {
  empty: 'empty',
  'content-empty': 'empty',
  'not-regular': 'notImage',
  fifo: 'notImage',
  socket: 'notImage',
  device: 'notImage',
  'is-folder': 'notImage',
  'not-file-folder-zip': 'notImage',
  'content-video': 'notImage',
  'content-pdf': 'notImage',
  'content-archive': 'notImage',
  'content-text': 'notImage',
  'content-binary': 'notImage',
  'format-rejected': 'format',
  'no-permission': 'unreadable',
  gone: 'unreadable',
  'link-loop': 'unreadable',
  'io-error': 'unreadable',
  'too-many-open': 'unreadable',
  unreadable: 'unreadable',
  'zip-entry-unreadable': 'unreadable',
  'broken-link': 'unreadable',
  'macos-resource-folder': 'hidden',
  'macos-resource-fork': 'hidden',
  'ds-store': 'hidden',
  'hidden-file': 'hidden',
  'hidden-folder': 'hidden',
  'system-file': 'hidden',
  'system-folder': 'hidden',
  'ignored-folder-in-zip': 'hidden',
  'zip-twice': 'duplicate',
  'same-file': 'duplicate',
  'folder-seen': 'duplicate',
  'link-outside': 'outside',
  'zip-encrypted': 'zip',
  'zip-method': 'zip',
  'zip-in-zip': 'zip',
  'zip-in-folder': 'zip',
  'unsafe-nul': 'unsafe',
  'unsafe-absolute': 'unsafe',
  'unsafe-drive': 'unsafe',
  'unsafe-dotdot': 'unsafe',
};
