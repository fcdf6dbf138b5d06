// A stand-in for the `electron` module, just enough for out/main/index.js to boot under plain Node
// where no Electron binary exists. It records what the shell asks of Electron so boot.mjs can check it.
import { EventEmitter } from 'node:events';

export const record = {
  schemes: [],
  windows: [],
  channels: new Map(),
  removed: [],
  appHandler: undefined,
  errors: [],
  loaded: [],
  quits: 0,
  blockers: [],
};
globalThis.__scanbridgeFakeElectron = record;

const webContents = Object.assign(new EventEmitter(), {
  id: 1,
  isDestroyed: () => false,
  send: () => {},
  setWindowOpenHandler: () => {},
});

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setPath: () => {},
  getPath: () => '/nonexistent',
  getAppPath: () => process.cwd(),
  getVersion: () => '0.0.0-smoke',
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getPreferredSystemLanguages: () => ['en-US'],
  setAppUserModelId: () => {},
  quit: () => record.quits++,
  exit: (code) => record.errors.push(`app.exit(${code})`),
});
export const protocol = { registerSchemesAsPrivileged: (s) => record.schemes.push(...s) };
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (f) => (record.permissionRequest = f),
    setPermissionCheckHandler: (f) => (record.permissionCheck = f),
    webRequest: { onHeadersReceived: (f) => (record.onHeadersReceived = f) },
    protocol: { handle: (scheme, f) => (record.appHandler = f) },
  },
};
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record.windows.push(options);
    this.webContents = webContents;
    app.emit('web-contents-created', {}, webContents);
  }
  static getAllWindows() {
    return [];
  }
  loadURL(url) {
    record.loaded.push(url);
    return Promise.resolve();
  }
  maximize() {}
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  setProgressBar() {}
  getNormalBounds() {
    return { x: 0, y: 0, width: 1000, height: 800 };
  }
}
export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showMessageBox: async () => ({}),
  showErrorBox: (title, message) => record.errors.push(`${title}: ${message}`),
};
export const Menu = { buildFromTemplate: (t) => ({ t }), setApplicationMenu: (m) => (record.menu = m.t) };
export class Notification {
  static isSupported() {
    return false;
  }
  show() {}
}
export const powerSaveBlocker = {
  start: (type) => record.blockers.push(type),
  stop: () => {},
};
export const shell = { openExternal: async () => {}, openPath: async () => '' };
export const ipcMain = {
  handle: (channel, f) => record.channels.set(channel, f),
  removeHandler: (channel) => record.channels.delete(channel),
  on: () => {},
  removeAllListeners: (channel) => record.removed.push(channel),
};
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`v10${s}`),
  decryptString: (b) => b.toString().slice(3),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const nativeTheme = { shouldUseDarkColors: false };
export const webUtils = {};
export default {
  app,
  protocol,
  session,
  BrowserWindow,
  dialog,
  Menu,
  Notification,
  powerSaveBlocker,
  shell,
  ipcMain,
  safeStorage,
  screen,
  nativeTheme,
  webUtils,
};
