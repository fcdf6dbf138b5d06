/**
 * Auto-update, calmly: electron-updater downloads in the background from GitHub Releases (or a checked HTTPS staging feed)
 * (signature verification stays on: Windows checks the publisher, macOS the code signature), and
 * says "update ready, restart when you like"; it installs on the next quit unless the user restarts
 * now. Loaded only when updates are enabled, so unpackaged and portable runs never touch it.
 */
import type { LogLine } from '../core/log-line.js';
import { app, dialog, Notification } from 'electron';
import type { Translate } from './i18n.js';
import { decideUpdates } from './update-policy.js';

export interface Updater {
  enabled: boolean;
  reason?: string;
  checkNow(): Promise<void>;
}

export async function startUpdater(log: (line: LogLine) => void, t: Translate): Promise<Updater> {
  let decision;
  try {
    decision = decideUpdates({ isPackaged: app.isPackaged, platform: process.platform, env: process.env });
  } catch (e) {
    log({ code: 'updatesOff', params: {}, error: e });
    return { enabled: false, reason: (e as Error).message, checkNow: async () => undefined };
  }
  if (!decision.enabled) return { enabled: false, reason: decision.reason, checkNow: async () => undefined };
  const { autoUpdater } = await import('electron-updater');
  // The GitHub feed comes from resources/app-update.yml; only a staging override is set here.
  if (decision.feed.provider === 'generic')
    autoUpdater.setFeedURL({ provider: 'generic', url: decision.feed.url });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.on('error', (e) => log({ code: 'updateCheckFailed', params: {}, error: e }));
  autoUpdater.on('update-downloaded', (info) => {
    new Notification({
      title: t('desktop.update.readyTitle'),
      body: t('desktop.update.readyBody', { version: info.version }),
    }).show();
  });
  void autoUpdater
    .checkForUpdates()
    .catch((e: Error) => log({ code: 'updateCheckFailed', params: {}, error: e }));
  return {
    enabled: true,
    async checkNow() {
      const r = await autoUpdater.checkForUpdates();
      const newer = r?.isUpdateAvailable ?? false;
      await dialog.showMessageBox({
        type: 'info',
        message: newer
          ? t('desktop.update.downloading', { version: r?.updateInfo.version })
          : t('desktop.update.upToDate'),
        detail: newer
          ? t('desktop.update.downloadingDetail')
          : t('desktop.update.upToDateDetail', { version: app.getVersion() }),
      });
    },
  };
}
