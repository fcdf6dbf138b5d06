/**
 * What the OpenScan Cloud answers, as zod schemas and the types the rest of ScanBridge uses.
 * Field names follow the wire (credit, limit_filesize, …) so nobody has to translate twice.
 * The schemas are deliberately liberal where the seeds disagree or the live server is sloppy
 * (numbers as strings, a single link instead of a list, `dlink: null`, `{}` for a removed project),
 * and strict where a wrong value would make us upload to nowhere (links must be http(s) URLs).
 */
import { z } from 'zod';
import type { TokenInfo } from '../../contract/types.js';
import type { FailureBudget } from '../net/budget.js';

/** Integers sometimes arrive as strings from Flask code paths; accept both, reject the rest. */
const count = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
  z.number().finite(),
);

const httpUrl = z
  .string()
  .trim()
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), { message: 'not an http(s) URL' });

/** One link or a list of links; absent means none. */
const linkList = z.preprocess((v) => (v == null ? [] : typeof v === 'string' ? [v] : v), z.array(httpUrl));

/**
 * The server's reply, read leniently. What it yields is the contract's TokenInfo (what the UI is
 * sent): `satisfies` fails the build when the two drift apart.
 */
export const TokenInfoSchema = z.object({
  credit: count,
  limit_filesize: count,
  limit_photos: count,
}) satisfies z.ZodType<TokenInfo>;
/** Credit and limits of a token. `credit` and `limit_filesize` are bytes. */
export type { TokenInfo };

export const CreatedProjectSchema = z.object({
  status: z.string().default('created'),
  ulink: linkList,
  credit: count.optional(),
});
/** `ulink` has exactly one upload URL per part, in part order; `credit` is what remains (bytes). */
export type CreatedProject = z.infer<typeof CreatedProjectSchema>;

export const StartedProjectSchema = z.object({
  // Seeds 002/003 say 'started', 000/001 say 'initialized'; both mean "accepted".
  status: z.string().default(''),
});
export type StartedProject = z.infer<typeof StartedProjectSchema>;

export const ProjectInfoSchema = z
  .object({
    status: z.string().nullish(),
    ulink: linkList,
    dlink: z.preprocess((v) => (v === '' ? null : v), httpUrl.nullish()),
    error: z.string().nullish(),
  })
  .passthrough();

/**
 * A project as `getProjectInfo` reports it. `status` is free text ('' when the server sent `{}`,
 * which it does for expired or removed projects); `dlink` is present once a result can be fetched
 * (pass it through `unwrapDownloadLink` before downloading); `raw` is the parsed reply, for logs.
 */
export interface ProjectInfo {
  status: string;
  dlink?: string;
  ulink: string[];
  /** The server's reason, when it gives one (e.g. why processing failed). */
  error?: string;
  raw: unknown;
}

export const QueueEstimateSchema = z.object({
  queue_length: count,
  estimated_seconds: count,
});
export type QueueEstimate = z.infer<typeof QueueEstimateSchema>;

export const StatusSchema = z.object({ status: z.string() });

/** `raw` is the server's own word ('online', 'maintenance', …). */
export interface CloudStatus {
  online: boolean;
  raw: string;
}

export interface CreateProjectParams {
  project: string;
  photos: number;
  parts: number;
  /** Total bytes of the zip, i.e. the sum of every part. */
  filesize: number;
}

/** Per-call options every method takes last. */
export interface CallOptions {
  /** Aborts the call (and any retry wait); the promise then rejects with CancelledError. */
  signal?: AbortSignal | undefined;
  /** The job's failure clock: retries stop when it runs out (see main/core/net/budget.ts). */
  budget?: FailureBudget | undefined;
}

export interface CloudClientOptions {
  /** Default: the public endpoint of the seeds. A path prefix (reverse proxy) is kept. */
  baseUrl?: string;
  /** Time allowed to open the TCP connection (DNS included). Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Time the server may stay silent once connected. Default 30000 ms. */
  responseTimeoutMs?: number;
  /** Extra attempts for idempotent calls. Default 5. */
  retries?: number;
  /** Backoff base and cap for retries (full jitter). Defaults 500 ms and 8000 ms. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** One line per request and per retry, tokens already removed. */
  log?: (line: string) => void;
  /** Every reply, body redacted and truncated, for the "last API replies" of diagnostics. */
  onReply?: (endpoint: string, status: number, body: string) => void;
  /** Extra trusted certificate(s), PEM, for a self-hosted server signed by its own CA. */
  ca?: string;
  /** Basic-auth credentials; the API's public pair unless a test wants to see a refusal. */
  auth?: { username: string; password: string };
  /** Injectable for tests: waiting between retries, and the jitter source (0 ≤ x < 1). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface CloudClient {
  readonly baseUrl: string;
  /** Asks for a private token; it arrives by e-mail, not in the reply. Never retried (it mails). */
  requestToken(mail: string, forename: string, lastname: string, opts?: CallOptions): Promise<void>;
  getTokenInfo(token: string, opts?: CallOptions): Promise<TokenInfo>;
  /** Never retried: a lost reply surfaces as a retryable NetworkError; check getProjectInfo first. */
  createProject(token: string, params: CreateProjectParams, opts?: CallOptions): Promise<CreatedProject>;
  /** Never retried, for the same reason as createProject. */
  startProject(token: string, project: string, opts?: CallOptions): Promise<{ status: string }>;
  getProjectInfo(token: string, project: string, opts?: CallOptions): Promise<ProjectInfo>;
  resetProject(token: string, project: string, opts?: CallOptions): Promise<void>;
  getQueueEstimate(token?: string, opts?: CallOptions): Promise<QueueEstimate>;
  /** Throws a typed error when the cloud cannot be reached; `online` is false for e.g. maintenance. */
  status(opts?: CallOptions): Promise<CloudStatus>;
  /** Closes idle keep-alive sockets (tests, app shutdown). */
  close(): void;
}

export const DEFAULT_BASE_URL = 'http://openscanfeedback.dnsuser.de:1334';
export const PUBLIC_AUTH = { username: 'openscan', password: 'free' } as const;
