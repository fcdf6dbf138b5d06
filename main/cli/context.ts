/** Shared plumbing for the commands: opening the runtime with CLI overrides, errors, exit codes. */
import { isScanBridgeError, toSerializedError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { openRuntime, type Runtime, type RuntimeOptions } from '../core/runtime.js';
import { EXIT, exitCodeFor } from './exit-codes.js';

export interface GlobalOptions {
  endpoint?: string;
  token?: string;
  json?: boolean;
  dataDir?: string;
}

export function tokenFrom(o: GlobalOptions): string | undefined {
  const t = o.token ?? process.env.SCANBRIDGE_TOKEN;
  return t?.trim() ? t.trim() : undefined;
}

export async function withRuntime<T>(
  o: GlobalOptions,
  extra: Partial<RuntimeOptions>,
  fn: (rt: Runtime) => Promise<T>,
): Promise<T> {
  const rt = await openRuntime({
    dataDir: o.dataDir ?? process.env.SCANBRIDGE_DATA_DIR,
    tokenOverride: tokenFrom(o),
    endpointOverride: o.endpoint,
    log: process.env.SCANBRIDGE_DEBUG
      ? (l) => process.stderr.write(`debug: ${redact(l, [tokenFrom(o)])}\n`)
      : undefined,
    ...extra,
  });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** Prints an error a person can act on (and, with --json, as JSON on stdout) and returns the exit code. */
export function reportError(e: unknown, o: GlobalOptions): number {
  const err = toSerializedError(e);
  const secrets = [tokenFrom(o)];
  if (o.json)
    process.stdout.write(`${JSON.stringify({ error: { ...err, message: redact(err.message, secrets) } })}\n`);
  process.stderr.write(`error: ${redact(err.message, secrets)}\n`);
  if (err.hint) process.stderr.write(`  ${redact(err.hint, secrets)}\n`);
  if (!isScanBridgeError(e) && process.env.SCANBRIDGE_DEBUG && e instanceof Error)
    process.stderr.write(`${e.stack}\n`);
  return isScanBridgeError(e) ? exitCodeFor(e.code) : EXIT.FAILED;
}
