import { dialog, shell, type BrowserWindow } from 'electron';
import type { PickKind, PickResult } from '../contract/index.js';

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'heic', 'heif', 'webp', 'dng'];

/** Native open dialogs for a folder, a zip or photos. */
export async function pickPaths(win: BrowserWindow | undefined, kind: PickKind): Promise<PickResult> {
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { title: 'Choose a folder of photos', properties: ['openDirectory'] }
      : kind === 'zip'
        ? {
            title: 'Choose a zip of photos',
            properties: ['openFile'],
            filters: [{ name: 'Zip archives', extensions: ['zip'] }],
          }
        : {
            title: 'Choose photos',
            properties: ['openFile', 'multiSelections'],
            filters: [
              { name: 'Photos', extensions: IMAGE_EXTENSIONS },
              { name: 'All files', extensions: ['*'] },
            ],
          };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled || r.filePaths.length === 0 ? { cancelled: true } : { paths: r.filePaths };
}

/** Opens a folder in the file manager; shell.openPath reports failure as a string, not a throw. */
export async function openPath(p: string): Promise<void> {
  const err = await shell.openPath(p);
  if (err) throw new Error(`Could not open "${p}": ${err}`);
}
