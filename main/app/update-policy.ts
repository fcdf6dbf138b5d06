/**
 * When and from where the app updates itself. Pure, so a test pins it: the feed is HTTPS only (an
 * update is code we will run), and updates are off where they cannot or must not apply — the
 * unpackaged app Playwright drives, the Windows portable build, Linux packages other than AppImage
 * (a .deb is updated by the system's package manager), and when the user or an admin turned them off.
 */

/** Where releases are published; overridable at run time for testing a staging feed (still HTTPS only). */
export const DEFAULT_UPDATE_FEED = 'https://updates.openscan.eu/scanbridge';

export class InsecureFeedError extends Error {}

/** Returns the feed URL if it is safe to fetch code from, else throws. */
export function checkFeedUrl(raw: unknown): string {
  if (typeof raw !== 'string') throw new InsecureFeedError('The update feed must be a URL.');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InsecureFeedError('The update feed is not a valid URL.');
  }
  if (u.protocol !== 'https:')
    throw new InsecureFeedError(`The update feed must use https (got ${u.protocol}).`);
  if (u.username || u.password) throw new InsecureFeedError('The update feed must not carry credentials.');
  if (!u.hostname.includes('.')) throw new InsecureFeedError('The update feed must be a public host name.');
  return u.toString().replace(/\/$/, '');
}

export interface UpdateEnvironment {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export type UpdateDecision = { enabled: true; feed: string } | { enabled: false; reason: string };

export function decideUpdates(e: UpdateEnvironment): UpdateDecision {
  if (!e.isPackaged) return { enabled: false, reason: 'not a packaged build' };
  if (e.env.SCANBRIDGE_DISABLE_UPDATES === '1')
    return { enabled: false, reason: 'turned off (SCANBRIDGE_DISABLE_UPDATES=1)' };
  if (e.platform === 'win32' && e.env.PORTABLE_EXECUTABLE_DIR)
    return { enabled: false, reason: 'the portable build does not update itself' };
  if (e.platform === 'linux' && !e.env.APPIMAGE)
    return { enabled: false, reason: 'installed by the system package manager' };
  return { enabled: true, feed: checkFeedUrl(e.env.SCANBRIDGE_UPDATE_FEED || DEFAULT_UPDATE_FEED) };
}
