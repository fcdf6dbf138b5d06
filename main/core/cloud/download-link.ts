/**
 * The cloud's `dlink` is a Dropbox share link, sometimes wrapped as `…/dl?id=<urlencoded link>`.
 * A share link with `dl=0` answers an HTML preview page; `dl=1` answers the file itself. Without
 * this, a "download" saves a web page named model.zip.
 */
import { BadResponseError } from '../errors.js';

const DROPBOX_HOST = /(^|\.)dropbox(usercontent)?\.com$/i;

function parseHttpUrl(s: string): URL | undefined {
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The direct-download URL behind a `dlink`. Throws BadResponseError for anything but http(s). */
export function unwrapDownloadLink(dlink: string): string {
  const first = parseHttpUrl(dlink);
  if (!first)
    throw new BadResponseError(
      'The download link from the OpenScan Cloud is not a valid web address.',
      undefined,
      {
        detail: { detail: 'badLink', params: {} },
      },
    );
  let url: URL = first;
  // Wrappers can nest (a redirector around a redirector); three levels is plenty.
  for (let i = 0; i < 3; i++) {
    const inner: string | null = url.searchParams.get('id');
    const next: URL | undefined = inner ? parseHttpUrl(inner) : undefined;
    if (!next) break;
    url = next;
  }
  // raw=1 also serves the file; leave such links alone.
  if (url.searchParams.has('dl') || (DROPBOX_HOST.test(url.hostname) && !url.searchParams.has('raw'))) {
    url.searchParams.set('dl', '1');
  }
  return url.toString();
}
