/** The local COLMAP feature's public surface: what the CLI, the app service and the job manager use. */
export { reconstruct } from './pipeline.js';
export type {
  ReconstructOptions,
  ReconstructProgress,
  ReconstructionSummary,
  ModelStats,
} from './pipeline.js';
export { findColmap, describeCapabilities, parseColmapHelp } from './find-colmap.js';
export type { ColmapInfo, ColmapCommand, FindColmapOptions } from './find-colmap.js';
export { createLocalBackend } from './backend.js';
export type { LocalBackendDeps, LocalHandle } from './backend.js';
export { loadPlyHeader, readModelImages, readModelPoints } from './colmap-model.js';
export type { PlyHeader, ModelImage, ModelPoint } from './colmap-model.js';
export type { MatcherChoice, RunPlan } from './plan.js';
export { STAGES, STAGE_LABEL, type StageName } from './stages.js';
