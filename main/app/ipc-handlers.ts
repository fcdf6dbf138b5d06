import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_METHOD_NAMES, channelFor, EVENT_CHANNEL, type ScanBridgeHandlers } from '../contract/index.js';
import { handleIpcCall, type TrustContext } from './ipc-guard.js';

/**
 * The only place main touches ipcMain: one `sb:<method>` handler per contract method, each going
 * through handleIpcCall (sender check, argument parse, envelope). It knows nothing of windows:
 * `trust()` says which ones are ours (DESIGN: ipc must not import the windows it serves).
 * ipcMain is passed in, so a test can check that every method is registered and guarded.
 */
export function registerIpcHandlers(
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: ScanBridgeHandlers,
  trust: () => TrustContext,
  redact: (text: string) => string,
): () => void {
  for (const method of API_METHOD_NAMES) {
    ipc.handle(channelFor(method), (event: IpcMainInvokeEvent, args: unknown) =>
      handleIpcCall(handlers, method, event, args, trust(), redact),
    );
  }
  return () => {
    for (const method of API_METHOD_NAMES) ipc.removeHandler(channelFor(method));
  };
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Pushes one event to the given windows on the single event channel. */
export function sendEvent(targets: Iterable<EventTarget>, name: string, payload: unknown): void {
  for (const wc of targets) {
    if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, { name, payload });
  }
}
