/**
 * A log line in the person's language, from its code and params alone (main/contract/log-lines.ts):
 * the catalogue's `logLine.<code>` sentence with the params (numbers and sizes through Intl), the
 * line's error said as the app says errors (format-error.ts), and for the scan codes the catalogue's
 * own words for the skip reason or the review warning they name. A line without a code (a tool's own
 * output, an entry from before codes) or whose params do not match its code is shown as it came.
 * Pure: the Log view and the CLI pass their own `t`.
 */
import { logLineParams, OPEN_LOG_CODES, type LogCode } from '../../main/contract/index.js';
import { errorSentences, type ErrorLike, type Translate } from './format-error.js';

export type { Translate };

type ParamValue = string | number | boolean;

export interface LogLike {
  message: string;
  code?: string | undefined;
  params?: Record<string, ParamValue> | undefined;
  error?: ErrorLike | undefined;
  tool?: string | undefined;
}

/** Each setting's label in the catalogue (the Settings view's), for "Settings changed: …". */
export const SETTING_LABELS: Record<string, string> = {
  endpoint: 'settings.endpoint',
  concurrency: 'settings.concurrency',
  partSize: 'settings.partSize',
  bandwidthCapMBps: 'settings.bandwidth',
  downloadDir: 'settings.downloadDir',
  autoDownload: 'settings.autoDownload',
  downloadCapGB: 'downloadCap.label',
  colmapPath: 'settings.colmap',
  locale: 'settings.language',
  theme: 'settings.theme',
  profiles: 'profiles.title',
};

export interface LogTextOptions {
  /** English: an error without specifics is said by its own English sentence, as ErrorText does. */
  english?: boolean;
  /**
   * Wraps each text param where it lands in the sentence (names, paths, ids, a server's words: data,
   * shown as it came), e.g. so the Log view can mark it (`markData`).
   */
  mark?: (value: string) => string;
}

/** Private-use marks around data in a said line (never in a param: stripped from them first). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;
export const markData = (value: string): string => `${OPEN}${value.replace(MARKS, '')}${CLOSE}`;

/** A line said with `markData` as pieces: ours (from the catalogue) and data, alternating. */
export function dataPieces(said: string): { text: string; data: boolean }[] {
  const out: { text: string; data: boolean }[] = [];
  let data = false;
  for (const piece of said.split(/([\uE000\uE001])/)) {
    if (piece === OPEN) data = true;
    else if (piece === CLOSE) data = false;
    else if (piece) out.push({ text: piece, data });
  }
  return out;
}

/** The plain words of a line said with `markData`. */
export const unmarked = (said: string): string => said.replace(MARKS, '');

/** The catalogue key of the line, or undefined when it has no code we can say exactly. */
export function logLineKey(e: LogLike): string | undefined {
  if (!e.code) return undefined;
  const want = logLineParams(e.code);
  if (!want) return undefined;
  const have = Object.keys(e.params ?? {});
  const open = OPEN_LOG_CODES.includes(e.code as LogCode);
  if (!want.every((p) => have.includes(p))) return undefined;
  if (!open && have.length !== want.length) return undefined;
  return `logLine.${e.code}`;
}

function errorText(t: Translate, err: ErrorLike | undefined, o: LogTextOptions): string {
  if (!err) return '';
  const mark = o.mark ?? ((v: string) => v);
  const params =
    err.params &&
    Object.fromEntries(Object.entries(err.params).map(([k, v]) => [k, typeof v === 'string' ? mark(v) : v]));
  const said = errorSentences(t, { ...err, params });
  if (said.detail) return `${said.title} ${said.detail}`;
  // The core's own English sentence (quoting servers): shown as it came.
  return o.english && err.code ? mark([err.message, err.hint].filter(Boolean).join(' ')) : said.title;
}

export function logLineText(t: Translate, e: LogLike, o: LogTextOptions = {}): string {
  const key = logLineKey(e);
  if (!key) return e.message;
  const mark = o.mark ?? ((v: string) => v);
  const params = Object.fromEntries(
    Object.entries(e.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? mark(v) : v]),
  );
  const p: Record<string, unknown> = { ...params };
  const count = typeof e.params?.count === 'number' ? e.params.count : undefined;
  // Params go in `replace` so no param name can be taken for an i18next option (lng, ns…).
  const nested = (k: string, other: string) =>
    t(k, { replace: params, ...(count === undefined ? {} : { count }), defaultValue: t(other) });
  if (e.code === 'scanSkipped' || e.code === 'scanRejected')
    p.reason = nested(`skippedFile.${String(e.params?.reason)}`, 'skippedFile.other');
  else if (e.code === 'openedWith' && e.params?.app === 'default') p.app = t('openWith.default');
  else if (e.code === 'settingsChanged')
    p.keys = String(e.params?.keys)
      .split(', ')
      .map((k) => (Object.hasOwn(SETTING_LABELS, k) ? t(SETTING_LABELS[k]!) : mark(k)))
      .join(', ');
  else if (e.code === 'localPlan') {
    const q = e.params ?? {};
    const figure = { replace: { figure: q.figure } };
    p.matcher = t(`logWords.matcher_${String(q.matcher)}`, { defaultValue: mark(String(q.matcher)) });
    p.why = t(`logWords.why_${String(q.why)}`, { ...figure, defaultValue: mark(String(q.why)) });
    p.camera = t(`logWords.camera_${String(q.camera)}`, { defaultValue: mark(String(q.camera)) });
    p.focal = q.focal ? t('logWords.focal', { replace: { focal: q.focal } }) : '';
  } else if (e.code === 'localSkipped') {
    // The reconstruct command's words for why COLMAP cannot use a photo (cliCmd.reconstruct.why.*).
    const why = e.params?.reason === 'notImage' && !e.params.ext ? 'notImageNoExt' : String(e.params?.reason);
    p.reason = nested(`cliCmd.reconstruct.why.${why}`, 'skippedFile.other');
  } else if (e.code === 'cloudStatus')
    p.status = t(`cloudStatus.${String(e.params?.status)}`, { defaultValue: t('cloudStatus.unknown') });
  else if (e.code === 'scanWarning')
    p.warning = nested(`warning.${String(e.params?.warning)}`, 'warning.other');
  p.error = errorText(t, e.error, o);
  return t(key, { replace: p, ...(count === undefined ? {} : { count }) });
}
