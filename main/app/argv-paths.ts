import path from 'node:path';

/**
 * Paths the user asked to open on the command line (`scanbridge ~/scans/owl`, or a second
 * instance started by the file manager). Switches, the executable, the app's own folder and its
 * entry script are not photo sets; relative paths are resolved against the caller's folder.
 */
export function pathsFromArgv(
  argv: readonly string[],
  opts: { cwd: string; appPath: string; isPackaged: boolean },
): string[] {
  const appPath = path.resolve(opts.appPath);
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '' || arg.startsWith('-')) continue;
    const full = path.resolve(opts.cwd, arg);
    if (full === appPath) continue;
    if (!opts.isPackaged && /\.(c|m)?js$/.test(arg)) continue;
    out.push(full);
  }
  return out;
}
