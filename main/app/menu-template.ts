import type { MenuItemConstructorOptions } from 'electron';
import type { Translate } from './i18n.js';

export interface MenuActions {
  openFolder(): void;
  openZip(): void;
  openFiles(): void;
  about(): void;
  openExternal(url: string): void;
  /** Present only where the app updates itself (see update-policy). */
  checkForUpdates?: () => void;
}

export const HELP_LINKS = {
  docs: 'https://github.com/OpenScanEu/OpenScan2',
  colmap: 'https://colmap.github.io/',
  nodeodm: 'https://docs.opendronemap.org/',
} as const;

/**
 * COLMAP ships inside the app: its BSD license asks that the notice travel with it, and the About
 * box is where people look (the catalogue's desktop.about.colmap, in the UI's language).
 */
export function aboutText(
  version: string,
  versions: { electron?: string; chrome?: string; node?: string },
  t: Translate,
): string {
  return [
    `ScanBridge ${version}`,
    `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node ?? '?'}`,
    '',
    t('desktop.about.colmap'),
  ].join('\n');
}

/**
 * The application menu as data (no Electron import, so a test can read it), every label from the
 * catalogues: Electron names role items in English on Windows and Linux, so roles get our labels too.
 * "Check for updates" stays visible but disabled where the app does not update itself (portable,
 * .deb, development): people look for it, and a greyed item says "not here" more honestly than a
 * missing one.
 */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  t: Translate,
  opts: { dev?: boolean } = {},
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const m = (key: string) => t(`desktop.menu.${key}`);
  const check = actions.checkForUpdates;
  const updates: MenuItemConstructorOptions = {
    id: 'check-updates',
    label: m('checkUpdates'),
    enabled: check !== undefined,
    ...(check ? { click: () => check() } : {}),
  };
  const about: MenuItemConstructorOptions = { id: 'about', label: m('about'), click: () => actions.about() };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'ScanBridge',
      submenu: [
        about,
        updates,
        { type: 'separator' },
        { role: 'hide', label: m('hide') },
        { role: 'hideOthers', label: m('hideOthers') },
        { role: 'unhide', label: m('unhide') },
        { type: 'separator' },
        { role: 'quit', label: m('quit') },
      ],
    });
  }
  template.push({
    label: m('file'),
    submenu: [
      {
        id: 'open-folder',
        label: m('openFolder'),
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.openFolder(),
      },
      {
        id: 'open-zip',
        label: m('openZip'),
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.openZip(),
      },
      { id: 'open-files', label: m('openPhotos'), click: () => actions.openFiles() },
      { type: 'separator' },
      mac ? { role: 'close', label: m('close') } : { role: 'quit', label: m('quit') },
    ],
  });
  template.push({
    label: m('edit'),
    submenu: [
      { role: 'undo', label: m('undo') },
      { role: 'redo', label: m('redo') },
      { type: 'separator' },
      { role: 'cut', label: m('cut') },
      { role: 'copy', label: m('copy') },
      { role: 'paste', label: m('paste') },
      { role: 'selectAll', label: m('selectAll') },
    ],
  });
  template.push({
    label: m('view'),
    submenu: [
      { role: 'reload', label: m('reload') },
      ...(opts.dev ? [{ role: 'toggleDevTools', label: m('devTools') } as MenuItemConstructorOptions] : []),
      { type: 'separator' },
      { role: 'resetZoom', label: m('resetZoom') },
      { role: 'zoomIn', label: m('zoomIn') },
      { role: 'zoomOut', label: m('zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: m('fullscreen') },
    ],
  });
  template.push({
    role: 'help',
    label: m('help'),
    submenu: [
      { id: 'docs', label: m('docs'), click: () => actions.openExternal(HELP_LINKS.docs) },
      { id: 'colmap-docs', label: m('colmapDocs'), click: () => actions.openExternal(HELP_LINKS.colmap) },
      { id: 'nodeodm-docs', label: m('odmDocs'), click: () => actions.openExternal(HELP_LINKS.nodeodm) },
      ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, updates, about]),
    ],
  });
  return template;
}

/** The native open dialog's title and filters for a folder, a zip or photos, in the UI's language. */
export function openDialogOptions(
  kind: 'folder' | 'zip' | 'files',
  t: Translate,
): {
  title: string;
  properties: ('openDirectory' | 'openFile' | 'multiSelections')[];
  filters?: { name: string; extensions: string[] }[];
} {
  if (kind === 'folder') return { title: t('desktop.open.folder'), properties: ['openDirectory'] };
  if (kind === 'zip') {
    return {
      title: t('desktop.open.zip'),
      properties: ['openFile'],
      filters: [{ name: t('desktop.open.zipFilter'), extensions: ['zip'] }],
    };
  }
  return {
    title: t('desktop.open.photos'),
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: t('desktop.open.photosFilter'), extensions: IMAGE_EXTENSIONS },
      { name: t('desktop.open.allFiles'), extensions: ['*'] },
    ],
  };
}

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'heic', 'heif', 'webp', 'dng'];
