import type { MenuItemConstructorOptions } from 'electron';

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
 * box is where people look.
 */
export const COLMAP_LICENSE_NOTE =
  'Local reconstruction uses COLMAP (https://colmap.github.io/), © ETH Zurich and UNC Chapel Hill, ' +
  'distributed under the new BSD license. Its license text ships in resources/colmap.';

export function aboutText(
  version: string,
  versions: { electron?: string; chrome?: string; node?: string },
): string {
  return [
    `ScanBridge ${version}`,
    `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node ?? '?'}`,
    '',
    COLMAP_LICENSE_NOTE,
  ].join('\n');
}

/**
 * The application menu as data (no Electron import, so a test can read it). "Check for updates"
 * stays visible but disabled where the app does not update itself (portable, .deb, development):
 * people look for it, and a greyed item says "not here" more honestly than a missing one.
 */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  opts: { dev?: boolean } = {},
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const check = actions.checkForUpdates;
  const updates: MenuItemConstructorOptions = {
    id: 'check-updates',
    label: 'Check for Updates…',
    enabled: check !== undefined,
    ...(check ? { click: () => check() } : {}),
  };
  const about: MenuItemConstructorOptions = {
    id: 'about',
    label: 'About ScanBridge',
    click: () => actions.about(),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'ScanBridge',
      submenu: [
        about,
        updates,
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      {
        id: 'open-folder',
        label: 'Open Folder…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.openFolder(),
      },
      {
        id: 'open-zip',
        label: 'Open Zip…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => actions.openZip(),
      },
      { id: 'open-files', label: 'Open Photos…', click: () => actions.openFiles() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(opts.dev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    role: 'help',
    label: '&Help',
    submenu: [
      { id: 'docs', label: 'ScanBridge on GitHub', click: () => actions.openExternal(HELP_LINKS.docs) },
      {
        id: 'colmap-docs',
        label: 'COLMAP Documentation',
        click: () => actions.openExternal(HELP_LINKS.colmap),
      },
      {
        id: 'nodeodm-docs',
        label: 'OpenDroneMap Documentation',
        click: () => actions.openExternal(HELP_LINKS.nodeodm),
      },
      ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, updates, about]),
    ],
  });
  return template;
}
