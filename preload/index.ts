/**
 * The preload: the renderer's only door to main. It exposes exactly the contract's methods, `on`
 * for events, and `pathForFile` for drag-and-drop (a dropped File's path, which the sandboxed
 * renderer cannot read itself). ipcRenderer itself is never exposed, and no listener receives the
 * raw IpcRendererEvent (it carries `sender`, a way back to ipcRenderer).
 * Bundled to CJS with its dependencies (zod, the contract): sandboxed preloads cannot load ESM or
 * node_modules.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { channelFor, createClient, EVENT_CHANNEL, type ApiMethodName } from '../main/contract/index.js';

const api = createClient({
  call: (method, args) => ipcRenderer.invoke(channelFor(method as ApiMethodName), args),
  subscribe: (event, listener) => {
    const handler = (_e: Electron.IpcRendererEvent, message: unknown) => {
      const m = message as { name?: unknown; payload?: unknown } | null;
      if (m && m.name === event) listener(m.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('scanbridge', {
  ...api,
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
