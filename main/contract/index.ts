/**
 * The ScanBridge contract: one import for the renderer, the preload, the Electron IPC layer and the
 * web bridge. Pure TypeScript + zod.
 */
export * from './schemas.js';
export * from './types.js';
export * from './api.js';
export * from './envelope.js';
export * from './dispatch.js';
export * from './job-states.js';
export * from './check.js';
export * from './error-details.js';
export * from './log-lines.js';
