/**
 * The Electron main process: thin. It wires Electron's pieces (windows, menu, dialogs,
 * notifications, safeStorage) to the same core service that web mode uses, and adds the guards.
 * Everything with logic lives in pure modules beside it (window-options, navigation-guard,
 * ipc-guard, csp, menu-template, window-state, job-feedback, desktop-manners, quit-guard) and is
 * unit-tested there.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, Notification, powerSaveBlocker, session, shell } from 'electron';
import type { ApiEventName } from '../contract/index.js';
import { openRuntime, type Runtime } from '../core/runtime.js';
import { createServiceFromRuntime } from '../core/service/from-runtime.js';
import type { Service } from '../core/service/index.js';
import { sanitize } from '../core/sanitize.js';
import { defaultDataDir } from '../core/settings/data-dir.js';
import { pathsFromArgv } from './argv-paths.js';
import { buildCsp } from './csp.js';
import { dropUnguardedIpcListeners, registerIpc, sendEvent } from './ipc.js';
import { startDesktopManners, type Manners } from './desktop-manners.js';
import { createMainI18n, languageFor, type MainI18n } from './i18n.js';
import { aboutText, buildMenuTemplate } from './menu-template.js';
import { startUpdater } from './updater.js';
import { APP_ORIGIN, devServerOrigin } from './navigation-guard.js';
import { rememberPausedAtQuit, resumePausedAtQuit } from './paused-at-quit.js';
import { openPath, pickPaths } from './platform.js';
import { createResultOpener } from './result-opener.js';
import { systemFindDeps } from '../core/apps/system.js';
import { confirmQuit } from './quit-guard.js';
import { createElectronSecretStore } from './secret-store-electron.js';
import {
  guardAllWebContents,
  hardenSession,
  openIfAllowed,
  registerAppScheme,
  serveRenderer,
} from './security.js';
import { createMainWindow } from './window.js';

/** Main → renderer: "open these paths" (menu, second instance, command line). */
export const OPEN_PATHS_EVENT = 'app:open-paths' satisfies ApiEventName;
/** Main → renderer: "show this job" (a click on its notification). */
export const SHOW_JOB_EVENT = 'app:show-job' satisfies ApiEventName;

const here = import.meta.dirname;
const devUrl = app.isPackaged ? undefined : devServerOrigin(process.env.ELECTRON_RENDERER_URL);
const appOrigin = devUrl ?? APP_ORIGIN;
const csp = buildCsp(devUrl ? { dev: true, devOrigin: devUrl } : {});
const dataDir = defaultDataDir();

// One data folder for app, web mode and CLI; Chromium's caches kept apart from our files.
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'chromium'));

const windows = new Set<BrowserWindow>();
let mainWindow: BrowserWindow | undefined;
let runtime: Runtime | undefined;
let service: Service | undefined;
let manners: Manners | undefined;
let i18n: MainI18n | undefined;

function argvPaths(argv: readonly string[], cwd = process.cwd()): string[] {
  // Only what exists: `npm start -- --port 8080` must not try to open a folder named "8080".
  return pathsFromArgv(argv, { cwd, appPath: app.getAppPath(), isPackaged: app.isPackaged }).filter((p) =>
    fs.existsSync(p),
  );
}

function webContentsOfOurWindows() {
  return [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
}

/** The main process's texts in the settings' language (menus, About, dialogs, notifications). */
function tr(key: string, params?: Record<string, unknown>): string {
  // Before the settings are read (a failed start), the system's language.
  i18n ??= createMainI18n(languageFor('system', app.getPreferredSystemLanguages()));
  return i18n.t(key, params);
}

async function pickAndOpen(kind: 'folder' | 'zip' | 'files'): Promise<void> {
  const r = await pickPaths(mainWindow, kind, tr);
  if ('paths' in r) sendEvent(webContentsOfOurWindows(), OPEN_PATHS_EVENT, { paths: r.paths });
}

function showAbout(): void {
  const opts = {
    type: 'info' as const,
    title: tr('desktop.about.title'),
    message: 'ScanBridge',
    detail: aboutText(app.getVersion(), process.versions, tr),
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts));
}

function openWindow(): BrowserWindow {
  const url = devUrl ? process.env.ELECTRON_RENDERER_URL! : `${APP_ORIGIN}/index.html`;
  const win = createMainWindow({
    preloadPath: path.join(here, '../preload/index.cjs'),
    url,
    settings: runtime!.settings,
    dev: devUrl !== undefined,
  });
  windows.add(win);
  mainWindow = win;
  win.on('closed', () => {
    windows.delete(win);
    if (mainWindow === win) mainWindow = undefined;
  });
  return win;
}

/** Brings the app forward at a job (a click on its notification), opening a window if none is left. */
function showJob(jobId: string): void {
  const send = () => sendEvent(webContentsOfOurWindows(), SHOW_JOB_EVENT, { jobId });
  if (!mainWindow) {
    openWindow().webContents.once('did-finish-load', send);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  send();
}

/** Taskbar/dock progress, keep-awake and job-end notifications, from the job events. */
function followJobs(svc: Service, t: MainI18n['t']): Manners {
  return startDesktopManners({
    electron: {
      powerSaveBlocker,
      notificationsSupported: () => Notification.isSupported(),
      createNotification: (o) => new Notification(o),
      shell,
    },
    subscribe: (listener) => svc.subscribe(listener),
    window: () => mainWindow,
    platform: process.platform,
    t,
    // The one sanitiser for text a server may have sent (project names, on NodeODM task names).
    clean: (text) => sanitize(text),
    showJob,
  });
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  hardenSession(ses, appOrigin, csp);
  serveRenderer(ses, path.join(here, '../renderer'), csp);

  let allowWeak = false;
  runtime = await openRuntime({
    dataDir,
    secrets: createElectronSecretStore({ dir: dataDir, allowWithoutKeyring: () => allowWeak }),
    // NodeODM tokens: the same protection as the cloud token, one secret per node entry.
    secretsFor: (name) =>
      createElectronSecretStore({ dir: dataDir, name, allowWithoutKeyring: () => allowWeak }),
    // Where electron-builder's extraResources put the bundled COLMAP (resources/colmap/<platform>).
    resourcesPath: process.resourcesPath,
  });
  dropUnguardedIpcListeners();
  const lang = () => languageFor(runtime!.settings.get().locale, app.getPreferredSystemLanguages());
  i18n = createMainI18n(lang());
  allowWeak = runtime.settings.get().storeTokenWithoutKeyring;
  runtime.settings.onChange((s) => (allowWeak = s.storeTokenWithoutKeyring));

  service = createServiceFromRuntime(runtime, {
    mode: 'electron',
    version: app.getVersion(),
    // The same switch web mode honours (a deployment may provide the shared public token).
    ...(process.env.SCANBRIDGE_PUBLIC_TOKEN ? { publicToken: process.env.SCANBRIDGE_PUBLIC_TOKEN } : {}),
    platform: {
      pickPaths: (kind) => pickPaths(mainWindow, kind, tr),
      openPath,
      // "Open with…" and "Reveal": a job's result only (the service resolves the file from the job).
      ...createResultOpener({ shell, spawn, find: systemFindDeps() }),
    },
    versions: Object.fromEntries(
      Object.entries(process.versions).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>,
  });
  registerIpc(
    service,
    () => ({ appOrigin, windowIds: new Set(webContentsOfOurWindows().map((w) => w.id)) }),
    service.redact,
  );
  service.subscribe((event, payload) => sendEvent(webContentsOfOurWindows(), event, payload));
  manners = followJobs(service, tr);

  const svc = service;
  const updater = await startUpdater((line) => svc.log('info', line), tr);
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          process.platform,
          {
            openFolder: () => void pickAndOpen('folder'),
            openZip: () => void pickAndOpen('zip'),
            openFiles: () => void pickAndOpen('files'),
            about: showAbout,
            openExternal: (url) => void openIfAllowed(url),
            ...(updater.enabled ? { checkForUpdates: () => void updater.checkNow() } : {}),
          },
          tr,
          { dev: devUrl !== undefined },
        ),
      ),
    );
  setMenu();
  // A language change in Settings relabels the menu at once (it is built from the catalogue).
  runtime.settings.onChange(() => {
    const next = lang();
    if (i18n?.language() === next) return;
    i18n?.setLanguage(next);
    setMenu();
  });
  openWindow();
  // Jobs interrupted by a crash or a quit continue where their journal says they stopped.
  // The jobs the quit dialog paused (see quit-guard) continue too.
  void runtime.jobs
    .resumeAll()
    .then(async () => {
      // The journal is loaded now: the bar and the keep-awake blocker see the resumed jobs.
      manners?.seed(await svc.listJobs());
      await resumePausedAtQuit(dataDir, svc);
    })
    .catch((e: unknown) => service?.log('error', { code: 'resumeFailed', params: {}, error: e }));
  const initial = argvPaths(process.argv);
  if (initial.length > 0) {
    mainWindow?.webContents.once('did-finish-load', () =>
      sendEvent(webContentsOfOurWindows(), OPEN_PATHS_EVENT, { paths: initial }),
    );
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another ScanBridge owns the data folder; it gets our arguments via 'second-instance'.
  app.quit();
} else {
  registerAppScheme();
  guardAllWebContents(appOrigin);
  // Windows shows notifications only for an app with an AppUserModelID (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('eu.openscan.scanbridge');
  // macOS: files dropped on the Dock icon or opened with "Open With".
  app.on('open-file', (e, file) => {
    e.preventDefault();
    if (mainWindow) sendEvent(webContentsOfOurWindows(), OPEN_PATHS_EVENT, { paths: [file] });
  });
  app.on('second-instance', (_e, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      const paths = argvPaths(argv, workingDirectory);
      if (paths.length > 0) sendEvent(webContentsOfOurWindows(), OPEN_PATHS_EVENT, { paths });
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (runtime && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  // "Quit while uploading?": asked once per quit; on Quit the working jobs are paused (journaled)
  // and remembered so the next start resumes them.
  let quitConfirmed = false;
  let asking = false;
  app.on('before-quit', (e) => {
    if (quitConfirmed || !service || !i18n) return;
    e.preventDefault();
    if (asking) return;
    asking = true;
    const svc = service;
    const t = i18n.t;
    void confirmQuit({
      listJobs: () => svc.listJobs(),
      showMessageBox: (o) => (mainWindow ? dialog.showMessageBox(mainWindow, o) : dialog.showMessageBox(o)),
      pauseJob: (id) => svc.pauseJob(id),
      t,
    })
      .then(async (r) => {
        if (!r.quit) {
          // Closing the last window started this quit: keep running means a window to work in.
          if (!mainWindow && process.platform !== 'darwin') openWindow();
          return;
        }
        await rememberPausedAtQuit(dataDir, r.paused).catch(() => undefined);
        quitConfirmed = true;
        app.quit();
      })
      .catch((err: unknown) => {
        svc.log('error', { code: 'quitCheckFailed', params: {}, error: err });
        quitConfirmed = true;
        app.quit();
      })
      .finally(() => (asking = false));
  });
  let closing = false;
  app.on('will-quit', (e) => {
    // Let the job manager journal its last state and release the data-folder lock first.
    if (closing || !runtime) return;
    e.preventDefault();
    closing = true;
    manners?.dispose();
    service?.close();
    void runtime.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox(tr('desktop.startFailed'), err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
