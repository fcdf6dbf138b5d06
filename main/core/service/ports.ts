/**
 * What the app service needs from the rest of main, as narrow ports: the real implementations are
 * the cloud client, the settings store, a SecretStore, the photo scanner and the job manager; the
 * Electron shell and web mode add the platform bits (dialogs, opening folders).
 */
import type { CloudClient } from '../cloud/types.js';
import type { ProcessingBackend } from '../jobs/backend.js';
import type { NodeTokens } from '../nodeodm/tokens.js';
import type { MatchGraphStore } from '../local/match-graph-store.js';
import type { JobManager, Job } from '../jobs/types.js';
import type { ScanResult } from '../photos/types.js';
import type { SecretStore } from '../settings/secret-store.js';
import type { SettingsStore } from '../settings/store.js';
import type {
  PickKind,
  PickResult,
  TokenInfo,
  TokenStatus,
  ViewerApp,
  ViewerAppId,
} from '../../contract/index.js';

export type CloudPort = Pick<
  CloudClient,
  'getTokenInfo' | 'requestToken' | 'status' | 'getQueueEstimate' | 'getProjectInfo' | 'resetProject'
>;

export type ScanPort = (paths: string[], opts?: { signal?: AbortSignal }) => Promise<ScanResult>;

export type SettingsPort = Pick<SettingsStore, 'get' | 'update' | 'onChange'>;

export type SecretPort = Pick<SecretStore, 'get' | 'set' | 'clear'>;

/** What differs between Electron and web mode. */
export interface PlatformPort {
  /** Native open dialog; web mode leaves it out and the UI shows its own picker. */
  pickPaths?(kind: PickKind): Promise<PickResult>;
  /** Opens a folder in the file manager; web mode leaves it out and shows the path. */
  openPath?(path: string): Promise<void>;
  /**
   * Desktop only (web mode leaves these out and the service answers DESKTOP_ONLY): the programs found
   * here besides the system default, opening a file in one, showing a file in the file manager.
   */
  viewerApps?(): Promise<ViewerApp[]>;
  openWith?(file: string, app: ViewerAppId): Promise<void>;
  reveal?(file: string): Promise<void>;
}

export interface ServiceDeps {
  mode: 'electron' | 'web' | 'cli';
  version: string;
  dataDir: string;
  jobs: JobManager;
  cloud: CloudPort;
  /** The cloud address `cloud` asks (a command line's --endpoint wins over settings); else settings'. */
  cloudEndpoint?: () => string;
  secrets: SecretPort;
  settings: SettingsPort;
  scan: ScanPort;
  /** The cloud's shared public token (known to the cloud client), when there is one. */
  publicToken?: string;
  platform?: PlatformPort;
  /** Fetches the result of a finished job again; resolves to the folder it was extracted into. */
  downloadResult?: (job: Job) => Promise<string>;
  /** Extra lines for the diagnostics zip: the last API replies (already redacted by the client). */
  lastReplies?: () => string[];
  /** Versions to put in diagnostics (electron, chrome…); node and the app's are added. */
  versions?: Record<string, string>;
  now?: () => Date;
  /** The backend a job runs on and its journaled handle (status and download for every backend). */
  backendOf?: (job: Job) => { backend: ProcessingBackend; handle: unknown } | undefined;
  /** NodeODM tokens per profile, bound to the node address (the app's settings screen sets them). */
  nodeTokens?: NodeTokens;
  /** A NodeODM profile's (or node address's) URL and token, for the health check. */
  nodeTarget?: (profile: string) => Promise<{ url: string; token?: string | undefined }>;
  /** Where a finished check leaves its match graph for the local jobs after it (runtime's matchPriors). */
  matchPriors?: MatchGraphStore;
}

/** The token path every area shares (made in token.ts; here so context.ts and token.ts need not import each other). */
export interface TokenService {
  status(): Promise<TokenStatus>;
  set(raw: string): Promise<TokenStatus>;
  usePublic(): Promise<TokenStatus>;
  clear(): Promise<TokenStatus>;
  /** The stored token for a request (never for the UI); undefined without one. */
  current(): Promise<string | undefined>;
  /** Credit and limits of the stored token, cached briefly; undefined without a token or when offline. */
  infoOrUndefined(): Promise<TokenInfo | undefined>;
  /** Every token this process has seen, for redaction. */
  known(): string[];
}
