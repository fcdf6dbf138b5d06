/**
 * `npm run stub -- --nodeodm --port N [--token T] [--max-images N] [--processing S] [--drop-rate R]
 * [--cut-rate R] [--latency MS] [--seed N] [--user name:password]`: the NodeODM stub from the shared
 * stub CLI. Prints exactly one line on stdout (`NodeODM stub: <url>`); the request log is not printed.
 */
import { parseArgs } from 'node:util';
import { startNodeOdmStub, type NodeOdmStub, type NodeOdmStubOptions } from './index.js';

function num(name: string, raw: unknown, fallback: number, min = 0, max = Infinity): number {
  if (typeof raw !== 'string') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(`--${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return v;
}

export function parseNodeOdmArgs(argv: string[]): NodeOdmStubOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      nodeodm: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'max-images': { type: 'string' },
      processing: { type: 'string' },
      'drop-rate': { type: 'string' },
      'cut-rate': { type: 'string' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      user: { type: 'string', multiple: true },
    },
  });
  const users: Record<string, string> = {};
  for (const u of Array.isArray(values.user) ? values.user : []) {
    const [name, ...rest] = String(u).split(':');
    if (!name || rest.length === 0) throw new Error(`--user must be name:password, got "${String(u)}"`);
    users[name] = rest.join(':');
  }
  const maxImages = num('max-images', values['max-images'], 0, 0);
  return {
    port: num('port', values.port, 0, 0, 65535),
    host: typeof values.host === 'string' ? values.host : '127.0.0.1',
    ...(typeof values.token === 'string' && values.token ? { token: values.token } : {}),
    ...(Object.keys(users).length > 0 ? { users } : {}),
    maxImages: maxImages > 0 ? maxImages : null,
    processingMs: num('processing', values.processing, 5) * 1000,
    faults: {
      dropUploadRate: num('drop-rate', values['drop-rate'], 0, 0, 1),
      cutUploadRate: num('cut-rate', values['cut-rate'], 0, 0, 1),
      latencyMs: num('latency', values.latency, 0),
      seed: num('seed', values.seed, 1),
    },
  };
}

/** Starts the stub from CLI arguments and keeps it running until SIGINT/SIGTERM. */
export async function runNodeOdmCli(argv: string[]): Promise<NodeOdmStub> {
  const stub = await startNodeOdmStub(parseNodeOdmArgs(argv));
  console.log(`NodeODM stub: ${stub.url}`);
  const stop = (): void => {
    void stub.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return stub;
}
