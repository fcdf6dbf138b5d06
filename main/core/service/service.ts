/**
 * The ScanBridge application layer, the one the Electron app, web mode and the CLI all drive: thin
 * glue between the contract and the job manager, the cloud client, the settings and secret stores
 * and the photo scanner, one file per area (token, sets, jobs, results, backends, settings).
 * Transports (Electron IPC, the web bridge) validate arguments with the contract and call these
 * handlers; events go out through `subscribe`. The extras beyond the contract serve the CLI.
 */
import path from 'node:path';
import { redact } from '../redact.js';
import { redactError, type ScanBridgeHandlers } from '../../contract/index.js';
import { createServiceLog, redactLogFields } from './log.js';
import type { LogText } from '../log-line.js';
import { writeDiagnosticsZip } from './diagnostics.js';
import { createTokenHandlers, createTokenService, type TokenExtras } from './token.js';
import type { ServiceDeps } from './ports.js';
import { contextHelpers, type EventListener, type ServiceContext } from './context.js';
import { createSetHandlers } from './sets.js';
import { createJobHandlers, type JobExtras } from './jobs.js';
import { createResultHandlers, type ResultExtras } from './results.js';
import { createBackendHandlers, type BackendExtras } from './backends.js';
import { createNodeTokenHandlers } from './node-tokens.js';
import { createSettingsHandlers, uiSettings } from './settings.js';
import { createCheckHandlers } from './check.js';
import { createOpenWithHandlers } from './open-with.js';
import { createPhotoStore } from './photo-store.js';
import { createWatchHandlers, type WatchExtras } from './watch.js';

export type { EventListener } from './context.js';

export interface Service
  extends ScanBridgeHandlers, TokenExtras, JobExtras, ResultExtras, BackendExtras, WatchExtras {
  subscribe(listener: EventListener): () => void;
  /** Removes every token this process knows of from a text (for transports' error replies). */
  redact(text: string): string;
  /** A line of the app's own (main/app) in the log: coded, like the core's. */
  log(level: 'debug' | 'info' | 'warn' | 'error', line: LogText): void;
  close(): void;
}

export function createService(deps: ServiceDeps): Service {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  const tokens = createTokenService({
    cloud: deps.cloud,
    secrets: deps.secrets,
    publicToken: deps.publicToken,
    onChange: (s) => emit('token:changed', s),
  });
  const redactAll = (text: string) => redact(text, tokens.known());
  const log = createServiceLog({ redact: redactAll, ...(deps.now ? { now: deps.now } : {}) });
  const ctx: ServiceContext = { deps, emit, log, tokens, redact: redactAll, photos: createPhotoStore(), ...contextHelpers(deps, tokens) }; // prettier-ignore

  const offJobs = deps.jobs.subscribe((e) => {
    if (e.type === 'job:state') {
      // A failed job's error quotes servers (message, params): no token leaves in it.
      const error = e.job.error && redactError(e.job.error, redactAll);
      // A failed job's line (jobFailed) comes as its own job:log event from the run.
      emit('job:state', { job: error ? { ...e.job, error } : e.job });
    } else if (e.type === 'job:progress') emit('job:progress', { jobId: e.jobId, progress: e.progress });
    else {
      const { type: _type, jobId, level, at, ...fields } = e;
      log.add(level, fields, jobId);
      emit('job:log', { jobId, level, at, ...redactLogFields(fields, redactAll) });
    }
  });
  const offSettings = deps.settings.onChange((s) => emit('settings:changed', uiSettings(s)));

  const checks = createCheckHandlers(ctx);
  const jobs = createJobHandlers(ctx);
  return {
    ...createTokenHandlers(ctx),
    ...createSetHandlers(ctx),
    ...jobs,
    ...createWatchHandlers(ctx, jobs),
    ...createResultHandlers(ctx),
    ...createOpenWithHandlers(ctx),
    ...createBackendHandlers(ctx),
    ...createSettingsHandlers(ctx),
    ...createNodeTokenHandlers(ctx),
    ...checks,

    getLog: async () => log.entries(),
    saveDiagnostics: async () => {
      const entries = log.entries();
      const versions = {
        scanbridge: deps.version,
        node: process.versions.node,
        platform: `${process.platform} ${process.arch}`,
        mode: deps.mode,
        ...deps.versions,
      };
      const r = await writeDiagnosticsZip({
        dir: path.join(deps.dataDir, 'diagnostics'),
        redact: redactAll,
        files: {
          'log.txt': entries
            .map((e) => `${e.at} ${e.level.toUpperCase()} ${e.jobId ?? '-'} ${e.message}`)
            .join('\n'),
          'versions.json': JSON.stringify(versions, null, 2),
          'settings.json': JSON.stringify(deps.settings.get(), null, 2),
          'jobs.json': JSON.stringify(deps.jobs.list(), null, 2),
          'api-replies.txt': (deps.lastReplies?.() ?? []).join('\n'),
        },
      });
      log.add('info', { code: 'diagnosticsSaved', params: { path: r.path } });
      return r;
    },
    getAppInfo: async () => ({
      version: deps.version,
      // The CLI never serves the UI; its diagnostics say 'cli', the contract knows the UI's two modes.
      mode: deps.mode === 'cli' ? 'web' : deps.mode,
      platform: process.platform,
      dataDir: deps.dataDir,
      canOpenFiles: !!(deps.platform?.openWith && deps.platform.reveal && deps.platform.viewerApps),
    }),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    redact: redactAll,
    log: (level, line) => log.add(level, line),
    close() {
      checks.close();
      offJobs();
      offSettings();
      listeners.clear();
    },
  };
}
