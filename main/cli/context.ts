/**
 * Opens what a command needs: the wiring (core/runtime.ts) with this run's overrides, and on it the
 * one application service the app and web mode use too. Commands talk to the service only.
 * Precedence everywhere: flags, then environment (SCANBRIDGE_*), then `scanbridge config`, then defaults.
 */
import {
  createMatchGraphStore,
  matchGraphFile,
  type MatchGraphStore,
} from '../core/local/match-graph-store.js';
import { dataDirFor } from '../core/settings/data-dir.js';
import { openRuntime, type Runtime, type RuntimeOptions } from '../core/runtime.js';
import { redact } from '../core/redact.js';
import { createServiceFromRuntime, type Service } from '../core/service/index.js';
import { cliVersion } from './args.js';

export interface GlobalOptions {
  endpoint?: string;
  token?: string;
  json?: boolean;
  dataDir?: string;
  /** Also print the job log's info lines. */
  verbose?: boolean;
}

export function tokenFrom(o: GlobalOptions): string | undefined {
  const t = o.token ?? process.env.SCANBRIDGE_TOKEN;
  return t?.trim() ? t.trim() : undefined;
}

export function endpointFrom(o: GlobalOptions): string | undefined {
  const e = o.endpoint ?? process.env.SCANBRIDGE_ENDPOINT;
  return e?.trim() ? e.trim() : undefined;
}

/** The data folder of this run (as openRuntime resolves it), without opening (or locking) it. */
export function dataDirOf(o: GlobalOptions): string {
  return dataDirFor(o.dataDir);
}

/**
 * The pre-flight checks' match graphs in this run's data folder: `check` keeps its graph there and
 * `reconstruct` (another process) plans from it. Needs no lock: the file is replaced atomically.
 */
export function matchGraphsOf(o: GlobalOptions): MatchGraphStore {
  return createMatchGraphStore({ file: matchGraphFile(dataDirOf(o)) });
}

export interface Session {
  service: Service;
  /** The wiring, for what is not an application action (the data folder, closing). */
  runtime: Runtime;
}

export async function withService<T>(
  o: GlobalOptions,
  extra: Partial<RuntimeOptions>,
  fn: (s: Session) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime({
    dataDir: dataDirOf(o),
    tokenOverride: tokenFrom(o),
    endpointOverride: endpointFrom(o),
    log: process.env.SCANBRIDGE_DEBUG
      ? (l) => process.stderr.write(`debug: ${redact(l, [tokenFrom(o)])}\n`)
      : undefined,
    ...extra,
  });
  const service = createServiceFromRuntime(runtime, { mode: 'cli', version: cliVersion() });
  try {
    return await fn({ service, runtime });
  } finally {
    service.close();
    await runtime.close();
  }
}

/** Prints a result: the JSON object with --json, else the text lines on stdout. */
export function print(o: GlobalOptions, json: unknown, text: () => string): void {
  if (o.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  else {
    const t = text();
    if (t) process.stdout.write(t.endsWith('\n') ? t : `${t}\n`);
  }
}
