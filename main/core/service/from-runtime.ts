/**
 * Builds the service on the shared composition root (main/core/runtime.ts), for web mode and the
 * Electron shell alike. The cloud port follows the endpoint setting (rt.cloud() is re-created when
 * it changes) and remembers the last replies for "Save diagnostics".
 */
import { nodeOdmTarget, type Runtime } from '../runtime.js';
import type { CloudPort, PlatformPort } from './ports.js';
import { createService, type Service } from './service.js';

const MAX_REPLIES = 50;

export interface FromRuntimeOptions {
  mode: 'electron' | 'web' | 'cli';
  version: string;
  publicToken?: string | undefined;
  platform?: PlatformPort;
  versions?: Record<string, string>;
}

/** Every cloud call's outcome as one short line (the service redacts tokens before saving). */
export function recordingCloud(get: () => CloudPort, lines: string[]): CloudPort {
  const wrap =
    <K extends keyof CloudPort>(name: K) =>
    async (...args: Parameters<CloudPort[K]>): Promise<Awaited<ReturnType<CloudPort[K]>>> => {
      const at = new Date().toISOString();
      try {
        const fn = get()[name] as (...a: unknown[]) => Promise<Awaited<ReturnType<CloudPort[K]>>>;
        const value = await fn(...args);
        lines.push(`${at} ${name} ok ${JSON.stringify(value ?? null)?.slice(0, 2000)}`);
        return value;
      } catch (e) {
        lines.push(`${at} ${name} error ${(e as Error).message}`);
        throw e;
      } finally {
        if (lines.length > MAX_REPLIES) lines.splice(0, lines.length - MAX_REPLIES);
      }
    };
  return {
    getTokenInfo: wrap('getTokenInfo'),
    requestToken: wrap('requestToken'),
    status: wrap('status'),
    getQueueEstimate: wrap('getQueueEstimate'),
    getProjectInfo: wrap('getProjectInfo'),
    resetProject: wrap('resetProject'),
  };
}

export function createServiceFromRuntime(rt: Runtime, opts: FromRuntimeOptions): Service {
  const replies: string[] = [];
  return createService({
    mode: opts.mode,
    version: opts.version,
    dataDir: rt.dataDir,
    jobs: rt.jobs,
    cloud: recordingCloud(() => rt.cloud(), replies),
    cloudEndpoint: () => rt.cloud().baseUrl,
    // One token path: a command-line/env override first, then the stored token.
    secrets: {
      get: () => rt.currentToken(),
      set: (t) => rt.secrets.set(t),
      clear: () => rt.secrets.clear(),
    },
    settings: rt.settings,
    scan: (paths, o) => rt.scan(paths, o?.signal ? { signal: o.signal } : {}),
    ...(opts.publicToken ? { publicToken: opts.publicToken } : {}),
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.versions ? { versions: opts.versions } : {}),
    lastReplies: () => replies.slice(),
    backendOf: (job) => {
      const handle = rt.jobs.record(job.id)?.handle;
      return handle === undefined ? undefined : { backend: rt.backend(job.backend, job.profile), handle };
    },
    nodeTarget: (profile) => nodeOdmTarget(profile, rt),
    matchPriors: rt.matchPriors,
    nodeTokens: rt.nodeTokens,
  });
}
