/**
 * Zod schemas for every value that crosses a process boundary (IPC, the web bridge). The receiving
 * side parses with these; the TypeScript types in `types.ts` are inferred from them so the two cannot
 * drift. Pure: imports zod (and the log-code table), so the renderer, the preload and main can all use it.
 */
import { z } from 'zod';
import { LOG_CODES, LOG_TOOLS } from './log-lines.js';

// ── errors ──────────────────────────────────────────────────────────────────────────────────────
export const ErrorCodeSchema = z.enum([
  'UNAUTHORIZED',
  'INVALID_TOKEN',
  'PROJECT_EXISTS',
  'PROJECT_NOT_FOUND',
  'LIMIT_EXCEEDED',
  'INSUFFICIENT_CREDIT',
  'NETWORK',
  'TIMEOUT',
  'SERVER',
  'BAD_RESPONSE',
  'BAD_REQUEST',
  'LINK_EXPIRED',
  'HASH_MISMATCH',
  'SOURCE_CHANGED',
  'INVALID_INPUT',
  'CANCELLED',
  'NOT_FOUND',
  'DISK',
  'UNSAFE_ARCHIVE',
  'TOOL',
  'PROCESSING_FAILED',
  'BUSY',
  /** Asked of web mode for something only the desktop app can do (open a file in a program, reveal it). */
  'DESKTOP_ONLY',
  'INTERNAL',
]);

/**
 * An error's specifics (main/contract/error-details.ts says which each code carries). Bounded: a
 * hostile server cannot grow an error past a few kilobytes or smuggle structure into it.
 */
export const ERROR_PARAM_MAX_STRING = 500;
export const ErrorParamsSchema = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/),
    z.union([z.string().max(ERROR_PARAM_MAX_STRING), z.number().finite(), z.boolean()]),
  )
  .refine((r) => Object.keys(r).length <= 8, { message: 'at most 8 error params' });

export const SerializedErrorSchema = z.object({
  name: z.string(),
  code: ErrorCodeSchema,
  message: z.string(),
  hint: z.string().optional(),
  retryable: z.boolean(),
  /** Which situation of `code` (main/contract/error-details.ts): the front ends say it from the catalogue. */
  detail: z.string().max(40).optional(),
  /** The specifics of this error (names, sizes, limits, a server's words): see error-details.ts. */
  params: ErrorParamsSchema.optional(),
});

// ── jobs (the one definition: main/core/jobs/types.ts re-exports these types; states: job-states.ts) ──
export const BackendKindSchema = z.enum(['cloud', 'nodeodm', 'local']);
export const JobStateSchema = z.enum([
  'queued',
  'scanning',
  'creating',
  'uploading',
  'paused',
  'starting',
  'processing',
  'downloading',
  'done',
  'failed',
  'cancelled',
]);

export const JobProgressSchema = z.object({
  /** 0..1 for the whole job's current phase. */
  fraction: z.number(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  /** Smoothed bytes per second, 0 when idle. */
  rate: z.number(),
  /** Seconds left in the current phase, absent when unknown. */
  etaSeconds: z.number().optional(),
  partsDone: z.number(),
  partsTotal: z.number(),
  /** Free-text stage for the UI, e.g. "Uploading: 3 of 11 parts sent". */
  stage: z.string().optional(),
  /** A catalogue key under `step.` (the UI never shows `stage`, which is English for the log). */
  step: z.string().optional(),
  /** "Model ready in" (main/core/estimate): the sum and its parts, for the hover text. */
  model: z
    .object({
      totalSeconds: z.number(),
      atLeast: z.boolean(),
      upload: z.number().optional(),
      queue: z.number().optional(),
      processing: z.number().optional(),
    })
    .optional(),
});

/** The unit of work; plain JSON: what the journal stores and the UI shows. */
export const JobSchema = z.object({
  id: z.string(),
  backend: BackendKindSchema,
  /** Backend profile name (settings), e.g. "OpenScan Cloud". */
  profile: z.string(),
  /** Project name on the cloud, task uuid on NodeODM, workspace name locally. */
  projectName: z.string(),
  /** The paths the person gave (folders, zips, files), with what the scan found in them. */
  source: z.object({ paths: z.array(z.string()), photoCount: z.number(), totalBytes: z.number() }),
  state: JobStateSchema,
  /** The backend's own status, normalised into `state`. */
  rawStatus: z.string().optional(),
  progress: JobProgressSchema,
  result: z
    .object({
      /** Where the result was extracted, when downloaded. */
      folder: z.string().optional(),
      /** The backend's download link (cloud: a Dropbox share link). */
      downloadUrl: z.string().optional(),
      /** When the backend first reported this link (ISO); the cloud's links expire a while after it. */
      linkReportedAt: z.string().optional(),
      /** When the link is expected to stop working (ISO), see main/core/jobs/result-link.ts. */
      linkExpiresAt: z.string().optional(),
      files: z.array(z.string()).optional(),
      summary: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  error: SerializedErrorSchema.optional(),
  /** ISO time. */
  createdAt: z.string(),
  /** ISO time. */
  updatedAt: z.string(),
});

// ── token ───────────────────────────────────────────────────────────────────────────────────────
export const TokenInfoSchema = z.object({
  credit: z.number(),
  limit_filesize: z.number(),
  limit_photos: z.number(),
});

export const TokenStatusSchema = z.object({
  hasToken: z.boolean(),
  /** e.g. "abcd…wxyz" — the renderer never sees a token in full. */
  masked: z.string().optional(),
  kind: z.enum(['private', 'public', 'none']),
  info: TokenInfoSchema.optional(),
  /** Set when the stored token could not be checked just now (offline, 401…). */
  error: SerializedErrorSchema.optional(),
});

/** Tokens are pasted from mails: cap the length so junk is refused, spaces are trimmed later. */
export const TokenInputSchema = z.string().min(1, 'Paste a token first.').max(4096);

/** A NodeODM profile's token entry: the profile name and the address the token is bound to. */
export const NodeTokenTargetSchema = z.object({
  profile: z.string().trim().min(1).max(100),
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
});
/** A token to save for that profile at that address, or null to forget it. Never sent back. */
export const NodeTokenInputSchema = NodeTokenTargetSchema.extend({
  token: z.string().min(1).max(512).nullable(),
});
export const NodeTokenStatusSchema = z.object({ hasToken: z.boolean() });

export const TokenRequestSchema = z.object({
  mail: z.email('Enter a valid e-mail address.').max(320),
  forename: z.string().trim().min(1, 'Enter your first name.').max(200),
  lastname: z.string().trim().min(1, 'Enter your last name.').max(200),
});

// ── cloud ───────────────────────────────────────────────────────────────────────────────────────
export const CloudOverviewSchema = z.object({
  online: z.boolean(),
  statusText: z.string(),
  queueLength: z.number().optional(),
  estimatedSeconds: z.number().optional(),
  credit: z.number().optional(),
  checkedAt: z.string(),
});

// ── photo sets ──────────────────────────────────────────────────────────────────────────────────
/** Absolute or home-relative path; the service resolves and checks it. */
export const PathSchema = z.string().min(1, 'Enter a path.').max(4096);
export const PathListSchema = z
  .array(PathSchema)
  .min(1, 'Choose at least one folder, zip or photo.')
  .max(10_000);

export const ReviewPhotoSchema = z.object({
  /** Opaque; pass to getThumbnail. */
  id: z.string(),
  displayPath: z.string(),
  size: z.number(),
  format: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
});

export const LimitItemSchema = z.object({
  what: z.enum(['photos', 'filesize', 'credit']),
  limit: z.number(),
  actual: z.number(),
  over: z.boolean(),
});

export const SetReviewSchema = z.object({
  /** Identifies this scan for thumbnails; not persisted. */
  scanId: z.string(),
  paths: z.array(z.string()),
  photos: z.array(ReviewPhotoSchema),
  /** `reason` is English (CLI, log); the UI shows skipped.<code> with `params` from the catalogues. */
  skipped: z.array(
    z.object({
      displayPath: z.string(),
      reason: z.string(),
      code: z.string().max(64).optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  warnings: z.array(
    z.object({
      code: z.string(),
      /** English (CLI, log); the UI shows `review.warning_<code>` with `params`. */
      message: z.string(),
      paths: z.array(z.string()),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  photoCount: z.number(),
  totalBytes: z.number(),
  /** Against the current token's limits; `checked` is false without a token or when offline. */
  limits: z.object({ checked: z.boolean(), ok: z.boolean(), items: z.array(LimitItemSchema) }),
  suggestedName: z.string(),
});

export const DirEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['dir', 'zip', 'image']),
  size: z.number().optional(),
});

export const DirListingSchema = z.object({
  path: z.string(),
  parent: z.string().optional(),
  entries: z.array(DirEntrySchema),
  /** How many image files are directly inside (the UI offers "use this folder" when > 0). */
  imageCount: z.number(),
  truncated: z.boolean(),
});

export const PickKindSchema = z.enum(['folder', 'zip', 'files']);
export const PickResultSchema = z.union([
  z.object({ unsupported: z.literal(true) }),
  z.object({ cancelled: z.literal(true) }),
  z.object({ paths: z.array(z.string()) }),
]);

export const ThumbnailSchema = z.object({
  /** A data: URL (JPEG/PNG/SVG); `placeholder` when no preview could be made. */
  url: z.string(),
  placeholder: z.boolean(),
});

// ── jobs API inputs ─────────────────────────────────────────────────────────────────────────────
export const ProjectNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a project name.')
  .max(80, 'Keep the project name under 80 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'Use letters, digits, spaces, dots, dashes and underscores only.');

export const CreateJobInputSchema = z.object({
  paths: PathListSchema,
  name: ProjectNameSchema.optional(),
  backend: BackendKindSchema.default('cloud'),
  /** Which profile of that backend (a NodeODM profile's name); default: the backend's default. */
  profile: z.string().trim().min(1).max(100).optional(),
  /** The review (scanPaths' scanId) of these paths: the job takes its set instead of scanning again. */
  scanId: z.string().min(1).max(100).optional(),
  /** Photos of a reviewed set the person dropped (e.g. after the check): the rest are sent. */
  exclude: z
    .object({ scanId: z.string().min(1).max(100), photoIds: z.array(z.string().min(1).max(300)).max(20_000) })
    .optional(),
});

export const JobIdSchema = z.string().min(1).max(200);

/** What a cloud status means (main/core/jobs/cloud-status.ts); the UI shows `cloudStatus.<key>`. */
export const CloudStatusKeySchema = z.enum([
  'created',
  'queued',
  'processing',
  'waitingForLink',
  'done',
  'failed',
  'gone',
  'unknown',
]);

export const ProjectRefreshSchema = z.object({
  job: JobSchema,
  /** The cloud's own words, for the log only: the UI shows `statusKey`. */
  status: z.string().optional(),
  statusKey: CloudStatusKeySchema.optional(),
  downloadUrl: z.string().optional(),
});

export const FolderResultSchema = z.object({ path: z.string(), opened: z.boolean() });

// ── settings ────────────────────────────────────────────────────────────────────────────────────
/** A part is at most this many bytes: the OpenScan Cloud API's rule (200 MB). */
export const MAX_PART_SIZE = 200_000_000;
/** The part size floor (1 MiB): below it per-request overhead dominates and a 2 GB set needs thousands of links. */
export const MIN_PART_SIZE = 1_048_576;

/** http(s) only, and no user name or password in it (they would end up in logs and the settings file). */
function isPlainHttpUrl(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
}
const HttpUrlSchema = z
  .string()
  .trim()
  .refine(isPlainHttpUrl, 'Enter an http:// or https:// URL without a user name or password.');

/** A named place to process sets: a NodeODM / ClusterODM node (its token, if any, stays in main). */
export const BackendProfileSchema = z.object({
  name: z.string().trim().min(1, 'Give the profile a name.').max(100),
  kind: BackendKindSchema,
  endpoint: HttpUrlSchema.optional(),
});

export const LocaleSchema = z.enum(['system', 'en', 'de']);
/** Light, dark, or whatever the system prefers (the default). */
export const ThemeSchema = z.enum(['system', 'light', 'dark']);

/**
 * The user-editable settings and their rules, the one definition: main/core/settings adds a default to
 * each field, plus what stays in main (window bounds, the active profile, profile options, the keyring
 * opt-in).
 */
export const SettingsSchema = z.object({
  endpoint: HttpUrlSchema,
  concurrency: z.number().int().min(1).max(16),
  /** 'auto' lets the planner choose; a number is bytes per part. */
  partSize: z.union([z.literal('auto'), z.number().int().min(MIN_PART_SIZE).max(MAX_PART_SIZE)]),
  /** Upload cap in MB/s; 0 means no cap. */
  bandwidthCapMBps: z.number().min(0).max(10_000),
  /** Where results land; '' means the platform default. */
  downloadDir: z.string().max(4096),
  autoDownload: z.boolean(),
  /** Results larger than this many GB are refused (default 20). */
  downloadCapGB: z.number().min(0.001).max(100_000),
  /** '' means: the bundled COLMAP, else the one on PATH. */
  colmapPath: z.string().max(4096),
  locale: LocaleSchema,
  theme: ThemeSchema,
  profiles: z.array(BackendProfileSchema).max(100),
});
/** Strict: an unknown key is a caller bug (or a token sneaking in). */
export const SettingsPatchSchema = SettingsSchema.partial().strict();

// ── log, diagnostics, app ───────────────────────────────────────────────────────────────────────
/**
 * What a log line says, besides its English `message` (main/contract/log-lines.ts): a `code` from the
 * closed table with its `params` (bounded like an error's) and, where the code says so, the `error` it
 * reports; or the `tool` whose own line it is (shown verbatim). Entries from before codes have neither.
 */
export const LogCodeSchema = z.enum(LOG_CODES);
export const LogToolSchema = z.enum(LOG_TOOLS);
export const LogLineFieldsSchema = z.object({
  code: LogCodeSchema.optional(),
  params: ErrorParamsSchema.optional(),
  error: SerializedErrorSchema.optional(),
  tool: LogToolSchema.optional(),
});
export const LogEntrySchema = z
  .object({
    at: z.string(),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string(),
    jobId: z.string().optional(),
  })
  .extend(LogLineFieldsSchema.shape);

export const DiagnosticsResultSchema = z.object({ path: z.string(), bytes: z.number() });

export const AppInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string().optional(),
  /** Whether this door can open a result in a program / reveal it (the desktop app; never web mode). */
  canOpenFiles: z.boolean().optional(),
});

export const OkSchema = z.object({ ok: z.literal(true) });

/** What Retry will cost before it starts: a new cloud project costs credit again (issue 13). */
export const RetryCostSchema = z.object({
  /** Retry uploads the photos again as a new project (the cloud forgot the old one, or it was cancelled). */
  newProject: z.boolean(),
  /** The credit the new project uses, in bytes (the cloud counts credit in bytes); 0 when not a new project. */
  creditBytes: z.number(),
  /** The token's credit left now, when it could be asked. */
  creditLeft: z.number().optional(),
});

// ── 3D preview ──────────────────────────────────────────────────────────────────────────────────
export const ResultModelSchema = z.object({
  /** Relative to the job's result folder, `/`-separated. */
  path: z.string(),
  size: z.number(),
  kind: z.enum(['ply', 'obj', 'gltf', 'glb']),
});
/** A path relative to a job's result folder; main confines it (no `..`, no absolute, no escaping links). */
export const ResultRelPathSchema = z.string().min(1).max(1024);
/** Raw bytes: IPC carries an ArrayBuffer natively; web mode reads them from GET /api/file/… instead. */
export const ArrayBufferSchema = z.custom<ArrayBuffer>(
  (v) => v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object ArrayBuffer]',
  'Expected the file bytes.',
);

// ── open with… / reveal (desktop only) ─────────────────────────────────────────────────────────────
/** The programs "Open with…" knows: the system's default for the file type, MeshLab, Blender. */
export const ViewerAppIdSchema = z.enum(['default', 'meshlab', 'blender']);
/** A program found on this computer (default is always there in the desktop app). */
export const ViewerAppSchema = z.object({ id: ViewerAppIdSchema, name: z.string() });
/**
 * Which result to open: a job, and optionally one of its models (a path relative to its result
 * folder, confined by main); without one, main takes the first model (meshes before point clouds).
 */
export const ResultTargetSchema = z
  .object({ jobId: z.string().min(1).max(200), model: ResultRelPathSchema.optional() })
  .strict();
export const OpenResultWithSchema = ResultTargetSchema.extend({ app: ViewerAppIdSchema }).strict();
