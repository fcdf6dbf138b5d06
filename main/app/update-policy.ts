/**
 * When and from where the app updates itself. Pure, so a test pins it: the feed is HTTPS only (an
 * update is code we will run), and updates are off where they cannot or must not apply — the
 * unpackaged app Playwright drives, the Windows portable build, Linux packages other than AppImage
 * (a .deb is updated by the system's package manager), and when the user or an admin turned them off.
 */

/**
 * Where updates come from. Releases are published to GitHub Releases (electron-builder.yml
 * `publish: github`), and electron-builder bakes that feed (owner, repo) into the packaged app's
 * resources/app-update.yml, which electron-updater reads: no server of our own. A staging feed can
 * be given at run time (SCANBRIDGE_UPDATE_FEED, an electron-builder "generic" feed, HTTPS only).
 */
export type UpdateFeed = { provider: 'github' } | { provider: 'generic'; url: string };

/** The feed baked into the app at packaging time (GitHub Releases). */
export const RELEASE_FEED: UpdateFeed = { provider: 'github' };

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

export type UpdateDecision = { enabled: true; feed: UpdateFeed } | { enabled: false; reason: string };

export function decideUpdates(e: UpdateEnvironment): UpdateDecision {
  if (!e.isPackaged) return { enabled: false, reason: 'not a packaged build' };
  if (e.env.SCANBRIDGE_DISABLE_UPDATES === '1')
    return { enabled: false, reason: 'turned off (SCANBRIDGE_DISABLE_UPDATES=1)' };
  if (e.platform === 'win32' && e.env.PORTABLE_EXECUTABLE_DIR)
    return { enabled: false, reason: 'the portable build does not update itself' };
  if (e.platform === 'linux' && !e.env.APPIMAGE)
    return { enabled: false, reason: 'installed by the system package manager' };
  const staging = e.env.SCANBRIDGE_UPDATE_FEED;
  if (staging) return { enabled: true, feed: { provider: 'generic', url: checkFeedUrl(staging) } };
  return { enabled: true, feed: RELEASE_FEED };
}
