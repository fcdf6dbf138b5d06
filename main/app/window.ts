import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { SettingsStore } from '../core/settings/store.js';
import { buildWindowOptions } from './window-options.js';
import { boundsToSave, fitBoundsToDisplays } from './window-state.js';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  settings: Pick<SettingsStore, 'get' | 'update'>;
  dev: boolean;
}

/** The main window, at its remembered place and size; the bounds are saved when it closes. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const saved = fitBoundsToDisplays(
    opts.settings.get().windowBounds,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(
    buildWindowOptions({
      preloadPath: opts.preloadPath,
      bounds: saved,
      dark: nativeTheme.shouldUseDarkColors,
      devTools: opts.dev,
    }),
  );
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      opts.settings.update({ windowBounds: boundsToSave(win.getNormalBounds(), win.isMaximized()) });
    } catch {
      // Losing the window position is not worth blocking the quit for.
    }
  });
  void win.loadURL(opts.url);
  return win;
}
