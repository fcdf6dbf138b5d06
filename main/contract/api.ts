/**
 * The ScanBridge API table: every method with its argument tuple and result schema, and every event
 * with its payload schema. The Electron IPC layer and the web bridge register handlers generically
 * from these tables (IPC channel for a method is `sb:<method>`, see `channelFor`), and both validate
 * arguments on the receiving side with `args.parse`.
 */
import { z } from 'zod';
import * as s from './schemas.js';
import * as check from './check.js';

const none = z.tuple([]);

export const API_METHODS = {
  // token
  getTokenStatus: { args: none, result: s.TokenStatusSchema },
  /** Trimmed, checked with getTokenInfo BEFORE it is saved; a wrong token throws and nothing is saved. */
  setToken: { args: z.tuple([s.TokenInputSchema]), result: s.TokenStatusSchema },
  usePublicToken: { args: none, result: s.TokenStatusSchema },
  requestToken: { args: z.tuple([s.TokenRequestSchema]), result: s.OkSchema },
  clearToken: { args: none, result: s.TokenStatusSchema },
  /** Whether a NodeODM profile has a token saved for its address (the token never comes back). */
  getNodeTokenStatus: { args: z.tuple([s.NodeTokenTargetSchema]), result: s.NodeTokenStatusSchema },
  /** Saves (or, with null, forgets) a NodeODM profile's token in the secret store, bound to its address. */
  setNodeToken: { args: z.tuple([s.NodeTokenInputSchema]), result: s.NodeTokenStatusSchema },
  // cloud
  getCloudOverview: { args: none, result: s.CloudOverviewSchema },
  // photo sets
  scanPaths: { args: z.tuple([s.PathListSchema]), result: s.SetReviewSchema },
  /** Folder browser for web mode: dirs, zips and images; the home folder when no path is given. */
  listDirectory: { args: z.tuple([s.PathSchema.optional()]), result: s.DirListingSchema },
  /** Electron: a native dialog. Web: `{unsupported: true}` so the UI shows its own picker. */
  pickPaths: { args: z.tuple([s.PickKindSchema]), result: s.PickResultSchema },
  getThumbnail: { args: z.tuple([z.string().min(1).max(300)]), result: s.ThumbnailSchema },
  /** Many at once (the grid batches the cells that came into view); ids no longer known are left out. */
  getThumbnails: {
    args: z.tuple([z.array(z.string().min(1).max(300)).min(1).max(500)]),
    result: z.record(z.string(), s.ThumbnailSchema),
  },
  // pre-flight check (issue 16): progress and the report arrive as check:* events
  startCheck: { args: z.tuple([check.CheckStartSchema]), result: z.object({ checkId: check.CheckIdSchema }) },
  cancelCheck: { args: z.tuple([check.CheckIdSchema]), result: s.OkSchema },
  // jobs
  createJob: { args: z.tuple([s.CreateJobInputSchema]), result: s.JobSchema },
  listJobs: { args: none, result: z.array(s.JobSchema) },
  pauseJob: { args: z.tuple([s.JobIdSchema]), result: s.OkSchema },
  resumeJob: { args: z.tuple([s.JobIdSchema]), result: s.OkSchema },
  cancelJob: { args: z.tuple([s.JobIdSchema]), result: s.OkSchema },
  retryJob: { args: z.tuple([s.JobIdSchema]), result: s.OkSchema },
  /** Ask before Retry: whether it starts a new project, and the credit that costs. */
  retryCost: { args: z.tuple([s.JobIdSchema]), result: s.RetryCostSchema },
  removeJob: { args: z.tuple([s.JobIdSchema]), result: s.OkSchema },
  // projects (a finished or running job seen from the backend's side)
  refreshProject: { args: z.tuple([s.JobIdSchema]), result: s.ProjectRefreshSchema },
  resetProject: { args: z.tuple([s.JobIdSchema]), result: s.OkSchema },
  /** Downloads (again) and extracts the model; resolves to the folder it landed in. */
  downloadResult: { args: z.tuple([s.JobIdSchema]), result: s.FolderResultSchema },
  /** Electron opens the folder; web mode returns the path for the UI to show. */
  openResultFolder: { args: z.tuple([s.JobIdSchema]), result: s.FolderResultSchema },
  /** Desktop only (web mode: DESKTOP_ONLY): the system default plus MeshLab/Blender when found here. */
  listViewerApps: { args: none, result: z.array(s.ViewerAppSchema) },
  /** Desktop only: opens a job's result model (never a path the renderer names) in one of those programs. */
  openResultWith: { args: z.tuple([s.OpenResultWithSchema]), result: s.OkSchema },
  /** Desktop only: shows a job's result model (or its folder) selected in the file manager. */
  revealResult: { args: z.tuple([s.ResultTargetSchema]), result: s.OkSchema },
  // 3D preview
  /** The viewable models (.ply, .obj, .gltf, .glb) in a finished job's result folder, with sizes. */
  listResultModels: { args: z.tuple([s.JobIdSchema]), result: z.array(s.ResultModelSchema) },
  /**
   * One file of a job's result folder as bytes (a model, its .mtl, a texture), at most 512 MB.
   * Electron: over IPC. Web mode: the web client reads GET /api/file/<jobId>/<relPath> instead
   * (see ClientTransport.readResultFile), because bytes must not go through JSON.
   */
  readResultFile: { args: z.tuple([s.JobIdSchema, s.ResultRelPathSchema]), result: s.ArrayBufferSchema },
  // settings
  getSettings: { args: none, result: s.SettingsSchema },
  updateSettings: { args: z.tuple([s.SettingsPatchSchema]), result: s.SettingsSchema },
  // log, diagnostics, app
  getLog: { args: none, result: z.array(s.LogEntrySchema) },
  /** A zip of logs, versions and the last API replies, every token removed. */
  saveDiagnostics: { args: none, result: s.DiagnosticsResultSchema },
  getAppInfo: { args: none, result: s.AppInfoSchema },
} as const;

export const API_EVENTS = {
  'job:state': z.object({ job: s.JobSchema }),
  'job:progress': z.object({ jobId: z.string(), progress: s.JobProgressSchema }),
  'job:log': z
    .object({
      jobId: z.string(),
      level: z.enum(['info', 'warn', 'error']),
      message: z.string(),
      at: z.string(),
    })
    .extend(s.LogLineFieldsSchema.shape),
  'token:changed': s.TokenStatusSchema,
  'settings:changed': s.SettingsSchema,
  'check:progress': z.object({ checkId: check.CheckIdSchema, progress: check.CheckProgressSchema }),
  'check:done': check.CheckDoneSchema,
  /** Electron only: open these paths (app menu, dock, a second launch, the command line). */
  'app:open-paths': z.object({ paths: s.PathListSchema }),
  /** Electron only: show this job (a click on its "done"/"failed" notification). */
  'app:show-job': z.object({ jobId: s.JobIdSchema }),
} as const;

export type ApiMethodName = keyof typeof API_METHODS;
export type ApiEventName = keyof typeof API_EVENTS;

export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethodName[];
export const API_EVENT_NAMES = Object.keys(API_EVENTS) as ApiEventName[];

/** IPC channel of a method. */
export function channelFor(method: ApiMethodName): `sb:${ApiMethodName}` {
  return `sb:${method}`;
}
/** IPC channel on which main pushes an event to the renderer. */
export const EVENT_CHANNEL = 'sb:event';

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.prototype.hasOwnProperty.call(API_METHODS, name);
}
export function isApiEventName(name: string): name is ApiEventName {
  return Object.prototype.hasOwnProperty.call(API_EVENTS, name);
}

export type ApiArgs<M extends ApiMethodName> = z.input<(typeof API_METHODS)[M]['args']>;
export type ApiParsedArgs<M extends ApiMethodName> = z.output<(typeof API_METHODS)[M]['args']>;
export type ApiResult<M extends ApiMethodName> = z.output<(typeof API_METHODS)[M]['result']>;
export type ApiEventPayload<E extends ApiEventName> = z.output<(typeof API_EVENTS)[E]>;

/** What the renderer calls (window.scanbridge or the web client). */
export type ScanBridgeMethods = {
  [M in ApiMethodName]: (...args: ApiArgs<M>) => Promise<ApiResult<M>>;
};
export interface ScanBridgeApi extends ScanBridgeMethods {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
}

/**
 * What main implements (the service): receives already-parsed arguments (defaults applied) and
 * returns results that the transport validates before sending.
 */
export type ScanBridgeHandlers = {
  [M in ApiMethodName]: (...args: ApiParsedArgs<M>) => Promise<ApiResult<M>>;
};
