import { ipcMain } from 'electron';
import type { ScanBridgeHandlers } from '../contract/index.js';
import type { TrustContext } from './ipc-guard.js';
import { registerIpcHandlers } from './ipc-handlers.js';

export { sendEvent } from './ipc-handlers.js';

/** The one import of ipcMain (lint keeps it here): every contract method, guarded. */
export function registerIpc(
  handlers: ScanBridgeHandlers,
  trust: () => TrustContext,
  redact: (text: string) => string,
): () => void {
  return registerIpcHandlers(ipcMain, handlers, trust, redact);
}

/**
 * electron-store registers a sync `electron-store-get-data` listener (for renderer-side stores we
 * do not use) that answers any sender with the data folder's path. Only our guarded channels stay.
 */
export function dropUnguardedIpcListeners(): void {
  ipcMain.removeAllListeners('electron-store-get-data');
}
