/**
 * `npm run stub -- --port N --token T`: runs the OpenScan Cloud stub until SIGINT/SIGTERM.
 * Prints exactly one line on stdout (`OpenScan Cloud stub: <url>`) so scripts can read the URL;
 * the request log and "sent mails" go to stderr with tokens redacted (mailed tokens are shown, as the
 * mail is how a requester gets theirs).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { redact } from './redact.js';
import { startCloudStub, type CloudStub } from './cloud/index.js';

export interface CloudCliOptions {
  port: number;
  host: string;
  tokens: string[];
  latencyMs: number;
  cutRate: number;
  doneAfterMs: number;
}

function num(name: string, raw: string | undefined, fallback: number, min = 0, max = Infinity): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new Error(`--${name} must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return v;
}

/** Kept flat and tolerant (strict: false) so other modes (e.g. --nodeodm) can branch around it. */
export function parseCloudArgs(argv: string[]): CloudCliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string', multiple: true },
      latency: { type: 'string' },
      'cut-rate': { type: 'string' },
      'done-after': { type: 'string' },
    },
  });
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const tokens = Array.isArray(values.token)
    ? values.token.filter((t): t is string => typeof t === 'string')
    : [];
  const doneAfterS = num('done-after', str(values['done-after']), 2);
  return {
    port: num('port', str(values.port), 0, 0, 65535),
    host: str(values.host) ?? '127.0.0.1',
    tokens,
    latencyMs: num('latency', str(values.latency), 0),
    cutRate: num('cut-rate', str(values['cut-rate']), 0, 0, 1),
    doneAfterMs: doneAfterS * 1000,
  };
}

export async function startCloudFromCli(
  o: CloudCliOptions,
  logLine: (s: string) => void,
): Promise<CloudStub> {
  let mailsShown = 0;
  const stub: CloudStub = await startCloudStub({
    port: o.port,
    host: o.host,
    tokens: o.tokens.map((token) => ({ token })),
    schedule: { startedAfterMs: Math.min(1000, o.doneAfterMs / 2), doneAfterMs: o.doneAfterMs },
    faults: { latencyMs: o.latencyMs, uploadCutRate: o.cutRate },
    log: (line) => {
      logLine(redact(line, o.tokens));
      for (; mailsShown < stub.state.sentMails.length; mailsShown++) {
        const m = stub.state.sentMails[mailsShown]!;
        logLine(`mail to ${m.to} (${m.forename} ${m.lastname}): your OpenScan Cloud token is ${m.token}`);
      }
    },
  });
  return stub;
}

async function main(): Promise<void> {
  // NodeODM mode lives in its own module (server-stub/nodeodm/cli.ts).
  if (process.argv.includes('--nodeodm')) {
    const { runNodeOdmCli } = await import('./nodeodm/cli.js');
    await runNodeOdmCli(process.argv.slice(2));
    return;
  }
  let opts: CloudCliOptions;
  try {
    opts = parseCloudArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`stub: ${(err as Error).message}`);
    process.exit(2);
  }
  const stub = await startCloudFromCli(opts, (s) => console.error(s));
  console.log(`OpenScan Cloud stub: ${stub.url}`);
  const stop = () => {
    void stub.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run only as the entry point, so tests can import the parser.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`stub: ${redact(String((err as Error)?.message ?? err))}`);
    process.exit(1);
  });
}
