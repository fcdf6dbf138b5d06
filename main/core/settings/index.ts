export * from './schema.js';
export * from './store.js';
export * from './secret-store.js';
export * from './file-secret-store.js';
export * from './data-dir.js';
