/**
 * The shapes the OpenScan Cloud stub exposes to tests. The state is live: tests read it to assert what
 * the server saw (credit left, parts with their hashes, how often a client called createProject).
 */

export interface TokenSpec {
  token: string;
  credit?: number;
  limit_filesize?: number;
  limit_photos?: number;
}

export interface CloudFaults {
  /** Delay before every request is handled (real time, not the injectable clock). */
  latencyMs: number;
  /** 0..1: fraction of uploads whose connection is destroyed mid-body. */
  uploadCutRate: number;
  /** The next N API/upload requests get a proxy-style 503 HTML page. */
  serverErrorBurst: number;
  /** Uploads pause this long (real time) half-way through the body, then continue. */
  stallMs: number;
  /** Seed of the deterministic random source that picks which uploads are cut. */
  seed: number;
}

export interface CloudSchedule {
  /** Both measured from startProject on the injectable clock. */
  startedAfterMs: number;
  doneAfterMs: number;
}

export interface CloudStubOptions {
  /** 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  tokens?: TokenSpec[];
  /** Default 'public'. */
  publicToken?: string;
  /** Injectable clock in ms; link expiry and the processing schedule are evaluated against it. */
  now?: () => number;
  /** Where parts and result zips go. Default: a fresh temp dir, removed on close. */
  dataDir?: string;
  schedule?: CloudSchedule;
  faults?: Partial<CloudFaults>;
  /** The real dlink is sometimes wrapped in `{base}/dl?id=…`; default 'wrapped' (the harder case). */
  dlinkStyle?: 'wrapped' | 'plain';
  /** Largest accepted part; default 200,000,000 (the real limit). Smaller lets tests hit the limit cheaply. */
  maxPartBytes?: number;
  /** Called once per handled request with a log line (tokens redacted). */
  log?: (line: string) => void;
}

export interface TokenRecord {
  token: string;
  kind: 'public' | 'private';
  credit: number;
  limit_filesize: number;
  limit_photos: number;
  owner?: { mail: string; forename: string; lastname: string };
}

export interface PartRecord {
  /** 1-based, as in startProject's error message. */
  index: number;
  size: number;
  contentHash: string;
  path: string;
  receivedAt: number;
}

export type ProjectStatus =
  'created' | 'initialized' | 'processing started' | 'processing done' | 'processing failed';

export interface UploadLink {
  id: string;
  project: string;
  /** 1-based part number. */
  part: number;
  expiresAt: number;
}

export interface ProjectRecord {
  name: string;
  token: string;
  status: ProjectStatus;
  photos: number;
  parts: number;
  filesize: number;
  createdAt: number;
  /** Current upload link id per part (index 0 = part 1). */
  linkIds: string[];
  /** Received parts by 1-based index. A re-POST replaces the entry. */
  received: Map<number, PartRecord>;
  /** createProject calls naming this project (including rejected duplicates): catches blind retries. */
  createCount: number;
  /** startProject calls for this project (including rejected ones). */
  startCount: number;
  resetCount: number;
  startedAt?: number;
  /** Entry names of the validated zip, once processing has checked it. */
  files?: string[];
  /** Why processing failed, when status is 'processing failed'. */
  error?: string;
  /** Share link id serving the result, once done. */
  shareId?: string;
  dlink?: string;
}

export interface SentMail {
  to: string;
  forename: string;
  lastname: string;
  token: string;
  at: number;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  /** Path only (API endpoint, `upload`, `s`, `dl`): never the query, which holds the token. */
  endpoint: string;
  status: number;
  project?: string;
}

export interface CloudStubState {
  tokens: Map<string, TokenRecord>;
  projects: Map<string, ProjectRecord>;
  links: Map<string, UploadLink>;
  sentMails: SentMail[];
  requests: RequestLogEntry[];
  serviceStatus: string;
  /** null = derived from the projects in processing. */
  queue: { queueLength: number; estimatedSeconds: number } | null;
  /** The bytes served as every result from now on (a hostile zip for tests); undefined = the cube. */
  resultZip?: Buffer | undefined;
}

export interface CloudStub {
  url: string;
  close(): Promise<void>;
  setFaults(f: Partial<CloudFaults>): void;
  expireLinksNow(): void;
  /** What `/status` answers, e.g. 'online' or 'maintenance'. */
  setStatus(s: string): void;
  setQueue(queueLength: number, estimatedSeconds: number): void;
  /** Results finished from now on are these bytes instead of the cube model (undefined: the cube again). */
  setResultZip(zip: Buffer | undefined): void;
  state: CloudStubState;
  /** The received parts concatenated into one file in dataDir. */
  assembledZipPath(project: string): Promise<string>;
}

export const DEFAULT_TOKEN_LIMITS = {
  credit: 50_000_000_000,
  limit_filesize: 2_000_000_000,
  limit_photos: 1000,
} as const;

export const MAX_PART_BYTES = 200_000_000;
export const LINK_LIFETIME_MS = 4 * 60 * 60 * 1000;
export const DEFAULT_SCHEDULE: CloudSchedule = { startedAfterMs: 500, doneAfterMs: 2000 };
export const DEFAULT_FAULTS: CloudFaults = {
  latencyMs: 0,
  uploadCutRate: 0,
  serverErrorBurst: 0,
  stallMs: 0,
  seed: 1,
};
