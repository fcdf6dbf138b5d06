import { dialog, shell, type BrowserWindow } from 'electron';
import type { PickKind, PickResult } from '../contract/index.js';
import type { Translate } from './i18n.js';
import { openDialogOptions } from './menu-template.js';

/** Native open dialogs for a folder, a zip or photos, titled in the UI's language. */
export async function pickPaths(
  win: BrowserWindow | undefined,
  kind: PickKind,
  t: Translate,
): Promise<PickResult> {
  const options: Electron.OpenDialogOptions = openDialogOptions(kind, t);
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled || r.filePaths.length === 0 ? { cancelled: true } : { paths: r.filePaths };
}

/** Opens a folder in the file manager; shell.openPath reports failure as a string, not a throw. */
export async function openPath(p: string): Promise<void> {
  const err = await shell.openPath(p);
  if (err) throw new Error(`Could not open "${p}": ${err}`);
}
