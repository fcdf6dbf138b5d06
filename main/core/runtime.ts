/**
 * The composition root shared by the CLI, web mode and the Electron shell: one data folder (settings,
 * token, journal), the cloud client for the configured endpoint, the backends and the job manager.
 * Electron passes its safeStorage secret store; the CLI and web mode use the 0600 file store.
 */
import type { LogLine } from './log-line.js';
import path from 'node:path';
import { createCloudClient } from './cloud/client.js';
import { createQueueCache } from './estimate/queue-cache.js';
import type { CloudClient } from './cloud/types.js';
import { NoTokenError } from './errors.js';
import type { ProcessingBackend } from './jobs/backend.js';
import { createCloudBackend, type UploadTuning, type ZipPlanner } from './jobs/cloud-backend.js';
import { createJournal } from './jobs/journal.js';
import { createJobManager } from './jobs/manager.js';
import type { RetryPolicy } from './net/retry.js';
import type { BackendKind } from './jobs/types.js';
import { projectNameFor } from './names/project-name.js';
import { tuningFromEnv } from './runtime-env.js';
import { createLocalBackend } from './local/backend.js';
import { createMatchGraphStore, matchGraphFile, type MatchGraphStore } from './local/match-graph-store.js';
import { createNodeOdmBackend } from './nodeodm/backend.js';
import { nodeOdmTarget as resolveNodeOdmTarget, type NodeOdmTarget } from './nodeodm/profiles.js';
import { createNodeTokens, type NodeTokens } from './nodeodm/tokens.js';
import { scanSources } from './photos/scan.js';
import { scanNotes, toPhotoSet } from './photos/set.js';
import {
  createFileSecretStore,
  defaultDataDir,
  defaultDownloadDir,
  openSettingsStore,
  type SecretStore,
  type SettingsStore,
} from './settings/index.js';
import type { PhotoSet } from './photos/set.js';

export interface RuntimeOptions {
  dataDir?: string;
  secrets?: SecretStore;
  /** The secret store for a named secret (NodeODM tokens); the app passes safeStorage-backed ones. */
  secretsFor?: (name: string) => SecretStore;
  /** A token given on the command line or in SCANBRIDGE_TOKEN: used, never stored. */
  tokenOverride?: string | undefined;
  /** An endpoint given on the command line: used, never stored. */
  endpointOverride?: string | undefined;
  /** A NodeODM token and task options given on the command line: used for this run, never stored. */
  nodeOdmOverrides?: { token?: string | undefined; options?: Record<string, unknown> | undefined };
  /** Upload settings given on the command line: used, never stored. */
  uploadOverrides?: { concurrency?: number | undefined; partSize?: number | undefined };
  /** Upload transport knobs (tests shorten timeouts and backoff). */
  uploadTuning?: UploadTuning;
  /** Backend factories by kind, replacing the defaults (tests). */
  backends?: Partial<Record<BackendKind, (profile: string, rt: Runtime) => ProcessingBackend>>;
  /** Electron's process.resourcesPath, where the bundled COLMAP lives. */
  resourcesPath?: string | undefined;
  log?: (line: string) => void;
  /** Take the data folder's lock (one process per folder). Default true. */
  lock?: boolean;
  poll?: { firstMs: number; maxMs: number };
  /** See ManagerDeps: the job's failure clock and the create/start step retries (tests shorten them). */
  failureBudgetMs?: number;
  stepRetry?: RetryPolicy;
  /**
   * The photo scanner and the zip planner (default photos/scan.ts, pack/plan.ts). Ports so a test can
   * count that an upload scans its set once and plans its zip once.
   */
  scanner?: Scanner;
  planner?: ZipPlanner;
}

export type Scanner = typeof scanSources;

export interface Runtime {
  dataDir: string;
  nodeOdmOverrides?: RuntimeOptions['nodeOdmOverrides'];
  settings: SettingsStore;
  secrets: SecretStore;
  /** NodeODM tokens per profile / ad-hoc node, bound to their node's address. */
  nodeTokens: NodeTokens;
  jobs: ReturnType<typeof createJobManager>;
  /** The photo scanner every front end and the jobs use. */
  scan: Scanner;
  cloud(): CloudClient;
  /** The backend for a kind and profile (the same instance the jobs use). */
  backend(kind: BackendKind, profile: string): ProcessingBackend;
  /** The token to use: a command-line/env override, else the stored one; undefined without either. */
  currentToken(): Promise<string | undefined>;
  /** currentToken(), or NoTokenError. */
  getToken(): Promise<string>;
  /** The pre-flight checks' match graphs: the service keeps them, local jobs plan from them. */
  matchPriors: MatchGraphStore;
  close(): Promise<void>;
}

/** A duration from the environment (tests and impatient rigs shorten the failure budget). */
function envMs(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Turns the scanner's result into the set a backend sends, and reports what was left out. */
export async function scanToSet(
  paths: string[],
  signal: AbortSignal,
  log: (level: 'info' | 'warn', line: LogLine) => void,
  scan: Scanner = scanSources,
): Promise<PhotoSet> {
  const r = await scan(paths, { signal });
  for (const n of scanNotes(r)) log(n.level, n.line);
  return toPhotoSet(r);
}

/**
 * A NodeODM profile is either a named profile from settings or, for ad-hoc use (`--endpoint` on
 * the CLI, "send to this node" in the UI), the node's URL itself. Its token is the one saved for that
 * entry at that address (nodeodm/tokens.ts), or `nodeOdmOverrides.token` (this run, this node only);
 * never the journal's, never another node's.
 */
export async function nodeOdmTarget(profile: string, rt: Runtime): Promise<NodeOdmTarget> {
  const t = await resolveNodeOdmTarget({ settings: rt.settings, nodeTokens: rt.nodeTokens }, profile);
  const over = rt.nodeOdmOverrides;
  // A token given for this run goes to this run's node only (`t.url`); jobs pinned elsewhere keep theirs.
  const token = over?.token?.trim() || t.token;
  const options = over?.options ? { ...t.options, ...over.options } : t.options;
  return { ...t, token, options };
}

export async function openRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const settings = openSettingsStore({ dir: dataDir, defaults: { downloadDir: defaultDownloadDir() } });
  const secrets = opts.secrets ?? createFileSecretStore({ dir: dataDir });
  // Options win over the environment's timing knobs (tests of the built command set those).
  const envTuning = tuningFromEnv();
  const journal = createJournal(dataDir);
  const release = opts.lock === false ? undefined : await journal.lock();
  let client: CloudClient | undefined;
  let clientEndpoint = '';

  const cloud = (): CloudClient => {
    const endpoint = opts.endpointOverride ?? settings.get().endpoint;
    if (!client || clientEndpoint !== endpoint) {
      client?.close();
      client = createCloudClient({ baseUrl: endpoint, log: opts.log });
      clientEndpoint = endpoint;
    }
    return client;
  };
  const currentToken = async (): Promise<string | undefined> =>
    opts.tokenOverride || (await secrets.get()) || undefined;
  const getToken = async (): Promise<string> => {
    const t = await currentToken();
    if (!t) throw new NoTokenError();
    return t;
  };
  const uploadSettings = () => {
    const s = settings.get();
    return {
      concurrency: opts.uploadOverrides?.concurrency ?? s.concurrency,
      partSize: opts.uploadOverrides?.partSize ?? (s.partSize === 'auto' ? undefined : s.partSize),
      maxRateBytesPerSec: s.bandwidthCapMBps > 0 ? s.bandwidthCapMBps * 1_000_000 : undefined,
      downloadCapBytes: s.downloadCapGB * 1_000_000_000,
    };
  };

  const nodeTokens = createNodeTokens({
    secretsFor: opts.secretsFor ?? ((name) => createFileSecretStore({ dir: dataDir, name })),
  });
  const rt: Runtime = {
    dataDir,
    nodeOdmOverrides: opts.nodeOdmOverrides,
    settings,
    secrets,
    nodeTokens,
    cloud,
    currentToken,
    getToken,
    jobs: undefined as never,
    scan: opts.scanner ?? scanSources,
    // On disk: a check in one process (the CLI, the app before a restart) helps the run in another.
    matchPriors: createMatchGraphStore({ file: matchGraphFile(dataDir), log: opts.log }),
    backend: (kind, profile) => backendFor(kind, profile),
    async close() {
      await rt.jobs.close();
      client?.close();
      await release?.();
    },
  };
  const backends = new Map<string, ProcessingBackend>();
  /** The node's address and token are looked up when first needed (they live in settings and the secret store). */
  const lazyNodeOdm = (profile: string): ProcessingBackend => {
    let real: Promise<ProcessingBackend> | undefined;
    const get = () =>
      (real ??= nodeOdmTarget(profile, rt).then(
        (t) =>
          createNodeOdmBackend({
            ...t,
            tokens: nodeTokens,
            downloadCapBytes: () => uploadSettings().downloadCapBytes,
          }) as ProcessingBackend,
      ));
    const call =
      <K extends keyof ProcessingBackend>(k: K) =>
      async (...args: unknown[]) =>
        ((await get())[k] as (...a: unknown[]) => Promise<unknown>)(...args);
    return {
      kind: 'nodeodm',
      check: call('check'),
      create: call('create'),
      upload: call('upload'),
      start: call('start'),
      poll: call('poll'),
      logs: call('logs'),
      download: call('download'),
      cancel: call('cancel'),
      remove: call('remove'),
      restart: call('restart'),
    } as ProcessingBackend;
  };
  rt.jobs = createJobManager({
    journal,
    backend: (kind, profile) => backendFor(kind, profile),
    scan: (paths, signal, log) => scanToSet(paths, signal, log, rt.scan),
    makeName: (req) => projectNameFor(req),
    defaultDownloadDir: settings.get().downloadDir || defaultDownloadDir(),
    poll: opts.poll ?? envTuning.poll,
    failureBudgetMs: opts.failureBudgetMs ?? envMs('SCANBRIDGE_FAILURE_BUDGET_MS'),
    stepRetry: opts.stepRetry ?? envTuning.stepRetry,
    log: opts.log,
    // "Model ready in" counts the cloud's queue; fetched in the background, never awaited.
    cloudQueueSeconds: createQueueCache(async () => (await cloud().getQueueEstimate()).estimated_seconds).get,
  });
  function backendFor(kind: BackendKind, profile: string): ProcessingBackend {
    const key = `${kind}:${profile}`;
    let b = backends.get(key);
    if (!b) {
      if (kind === 'cloud') {
        // A proxy so a changed endpoint in settings takes effect without rebuilding the backend.
        const client = new Proxy({} as CloudClient, {
          get: (_t, p) => {
            const c = cloud();
            const v: unknown = Reflect.get(c, p);
            return typeof v === 'function' ? v.bind(c) : v;
          },
        });
        b = createCloudBackend({
          client,
          getToken,
          settings: uploadSettings,
          tuning: opts.uploadTuning ?? envTuning.upload,
          ...(opts.planner ? { planner: opts.planner } : {}),
        }) as ProcessingBackend;
      } else if (opts.backends?.[kind]) {
        b = opts.backends[kind]!(profile, rt);
      } else if (kind === 'local') {
        b = createLocalBackend({
          workspaceRoot: path.join(dataDir, 'local'),
          priors: rt.matchPriors,
          colmapPath: () => settings.get().colmapPath || undefined,
          resourcesPath: opts.resourcesPath,
        }) as ProcessingBackend;
      } else {
        b = lazyNodeOdm(profile);
      }
      backends.set(key, b);
    }
    return b;
  }
  return rt;
}
