import os from 'node:os';
import path from 'node:path';

/**
 * One data directory for the desktop app, web mode and the CLI, so they share settings, the
 * journal and the token. The Electron shell points `userData` here too. SCANBRIDGE_DATA_DIR wins
 * (tests, portable installs, several profiles).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.SCANBRIDGE_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'win32')
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'ScanBridge');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'ScanBridge');
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return path.posix.join(xdg && path.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config'), 'ScanBridge');
}

/** The data folder a run uses: the one given (a CLI flag), else the default (SCANBRIDGE_DATA_DIR first). */
export function dataDirFor(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const d = given?.trim();
  return d ? path.resolve(d) : defaultDataDir(env);
}

/** Where downloads go when the user has not chosen: ~/Downloads/ScanBridge. */
export function defaultDownloadDir(home: string = os.homedir()): string {
  return path.join(home, 'Downloads', 'ScanBridge');
}
