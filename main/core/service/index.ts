export { createService, type Service, type EventListener } from './service.js';
export type { ServiceDeps, CloudPort, ScanPort, SettingsPort, SecretPort, PlatformPort } from './ports.js';
export { listDirectory, resolveUserPath } from './directory.js';
export { createThumbnailMaker } from './thumbnails.js';
export { createServiceFromRuntime, type FromRuntimeOptions } from './from-runtime.js';
export { reconstructLocally, type LocalReconstruction } from './local.js';
export type { WatchExtras } from './watch.js';
