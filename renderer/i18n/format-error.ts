/**
 * An error in the person's language, from its code and specifics alone (never from the core's English
 * sentence): the catalogue's title for the code (`errors.<key>`) and, when the error carries a detail
 * with exactly the params main/contract/error-details.ts promises for it, the catalogue's sentence for
 * that detail (`errorDetail.<key>.<detail>`, numbers and sizes formatted by Intl through i18next).
 * Pure: the app (ErrorText), the CLI and notifications pass their own `t`.
 */
import { ErrorCodeSchema, errorCodeKey, errorDetailParams } from '../../main/contract/index.js';

export interface ErrorLike {
  code?: string | undefined;
  message: string;
  hint?: string | undefined;
  detail?: string | undefined;
  params?: Record<string, string | number | boolean> | undefined;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The catalogue key of the error's detail, or undefined when it has none we can say exactly. */
export function errorDetailKey(e: ErrorLike): string | undefined {
  const code = ErrorCodeSchema.safeParse(e.code);
  if (!code.success || !e.detail) return undefined;
  const want = errorDetailParams(code.data, e.detail);
  if (!want) return undefined;
  const have = Object.keys(e.params ?? {});
  if (have.length !== want.length || !want.every((p) => have.includes(p))) return undefined;
  return `errorDetail.${errorCodeKey(code.data)}.${e.detail}`;
}

export function errorSentences(t: Translate, e: ErrorLike): { title: string; detail?: string } {
  const key = errorDetailKey(e);
  // A few details have their own title (no token at all is not "this token is not known").
  const own = key ? t(key.replace(/^errorDetail\./, 'errorTitle.'), { defaultValue: '' }) : '';
  const title =
    own || t(`errors.${errorCodeKey(e.code ?? 'INTERNAL')}`, { defaultValue: t('errors.internal') });
  // Params go in `replace` so no param name can be taken for an i18next option (lng, ns…).
  return key ? { title, detail: t(key, { replace: e.params, count: e.params?.count }) } : { title };
}
