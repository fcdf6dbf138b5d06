/** The pre-flight check's public surface: what the service, the CLI and the bench use. */
export { runCheck, type CheckOptions } from './run-check.js';
export { judge } from './judge.js';
export * from './types.js';
export type { CheckSource } from './sources.js';
