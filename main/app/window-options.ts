import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  bounds?:
    { x?: number | undefined; y?: number | undefined; width: number; height: number } | null | undefined;
  /** Dark or light window background before the renderer paints, to avoid a white flash. */
  dark?: boolean;
  title?: string;
  /** DevTools in development builds only. */
  devTools?: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

/**
 * Every BrowserWindow is built here so the security settings live in one place that a unit test
 * pins field by field (electron/fiddle does the same). Values that are already Electron's defaults
 * are spelled out anyway: a default can change between majors, an explicit value cannot.
 */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const b = input.bounds;
  return {
    title: input.title ?? 'ScanBridge',
    width: Math.max(b?.width ?? DEFAULT_SIZE.width, MIN_SIZE.width),
    height: Math.max(b?.height ?? DEFAULT_SIZE.height, MIN_SIZE.height),
    ...(b?.x !== undefined && b?.y !== undefined ? { x: b.x, y: b.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on 'ready-to-show' so the user never sees an empty frame.
    show: false,
    backgroundColor: input.dark ? '#1e1f22' : '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableDialogs: false,
      autoplayPolicy: 'user-gesture-required',
      devTools: input.devTools ?? false,
    },
  };
}
