/**
 * Web mode: the ScanBridge UI in a plain browser. Opens the shared runtime (settings, token, jobs)
 * in the data folder, serves the built renderer and the API on 127.0.0.1 (main/bridge), prints
 * `ScanBridge: <url>` and opens the browser. `--demo` runs against an in-process cloud stub with a
 * private token already set and a generated sample set, so a newcomer can try the whole flow offline.
 *
 *   tsx main/web.ts [--port N] [--no-open] [--demo]     (normally through `npm start -- --web`)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridge, type Bridge } from './bridge/index.js';
import { openRuntime, type Runtime } from './core/runtime.js';
import { createServiceFromRuntime, type PlatformPort, type Service } from './core/service/index.js';
import { defaultDataDir } from './core/settings/data-dir.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..');
export const DEFAULT_STATIC_DIR = path.join(REPO_ROOT, 'out', 'renderer');

export interface WebModeOptions {
  port?: number;
  /** Default: SCANBRIDGE_DATA_DIR, else the platform's app-data folder; always a fresh temp folder in demo mode. */
  dataDir?: string;
  staticDir?: string;
  /** Where the cloud is; default the endpoint in settings. */
  endpoint?: string;
  publicToken?: string;
  demo?: boolean;
  /** Fixed secret (tests); random otherwise. */
  secret?: string;
  log?: (line: string) => void;
  /** Faster polling for tests and the demo. */
  poll?: { firstMs: number; maxMs: number };
  /**
   * Tests only: the desktop app's platform bits (open with, reveal), so the browser e2e can drive
   * those screens with a recording stand-in. Real web mode has none and answers DESKTOP_ONLY.
   */
  platform?: PlatformPort;
}

export interface WebMode {
  bridge: Bridge;
  runtime: Runtime;
  service: Service;
  /** The URL to open (carries the secret for the first load). */
  pageUrl: string;
  /** Demo only: where the sample photos are. */
  sampleDir?: string;
  close(): Promise<void>;
}

function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/** The same data folder as the desktop app and the CLI: one set of settings, one token, one journal. */
export function defaultWebDataDir(env = process.env): string {
  return defaultDataDir(env);
}

export async function startWebMode(opts: WebModeOptions = {}): Promise<WebMode> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let endpoint = opts.endpoint;
  let publicToken = opts.publicToken ?? process.env.SCANBRIDGE_PUBLIC_TOKEN;
  let demoToken: string | undefined;
  let sampleDir: string | undefined;
  // The demo never touches a real data folder: its endpoint and token would overwrite the user's.
  let dataDir = opts.dataDir ?? (opts.demo ? undefined : defaultWebDataDir());

  try {
    if (opts.demo) {
      // Imported lazily: the stub and the generator are test tooling, not needed for real use.
      const { startCloudStub } = await import('../server-stub/cloud/index.js');
      const { generateSyntheticSet } = await import('./core/local/testing/synth.js');
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scanbridge-demo-'));
      cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
      dataDir ??= path.join(tmp, 'data');
      demoToken = `demo-${randomBytes(12).toString('hex')}`;
      const stub = await startCloudStub({ tokens: [{ token: demoToken }], publicToken: 'public' });
      cleanups.push(() => stub.close());
      endpoint = stub.url;
      publicToken = 'public';
      sampleDir = path.join(tmp, 'sample-owl');
      await generateSyntheticSet({ dir: sampleDir, views: 40, width: 320, height: 240 });
    }
    const runtime = await openRuntime({
      dataDir,
      ...(opts.log ? { log: opts.log } : {}),
      ...(opts.poll ? { poll: opts.poll } : opts.demo ? { poll: { firstMs: 500, maxMs: 2000 } } : {}),
    });
    cleanups.push(() => runtime.close());
    if (endpoint) runtime.settings.update({ endpoint });
    if (opts.demo && dataDir)
      runtime.settings.update({ downloadDir: path.join(path.dirname(dataDir), 'downloads') });
    if (demoToken) await runtime.secrets.set(demoToken);
    await runtime.jobs.resumeAll();

    const service = createServiceFromRuntime(runtime, {
      mode: 'web',
      version: appVersion(),
      ...(publicToken ? { publicToken } : {}),
      ...(opts.platform ? { platform: opts.platform } : {}),
    });
    cleanups.push(() => service.close());
    const bridge = await startBridge({
      service,
      staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.secret ? { secret: opts.secret } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    cleanups.push(() => bridge.close());
    return {
      bridge,
      runtime,
      service,
      pageUrl: bridge.pageUrl,
      ...(sampleDir ? { sampleDir } : {}),
      close: () => runCleanups(cleanups),
    };
  } catch (e) {
    await runCleanups(cleanups);
    throw e;
  }
}

async function runCleanups(cleanups: (() => Promise<void> | void)[]): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) {
    try {
      await c();
    } catch {
      // Keep closing the rest; a half-closed server must not keep the process alive.
    }
  }
}

/** Opens the URL in the default browser without a shell; never fails the caller. */
export function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['explorer.exe', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener: the printed URL is enough.
  }
}

export function parseWebArgs(argv: string[]): { port?: number; open: boolean; demo: boolean } {
  const out: { port?: number; open: boolean; demo: boolean } = { open: true, demo: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-open') out.open = false;
    else if (a === '--demo') out.demo = true;
    else if (a === '--web') continue;
    else if (a === '--port' || a?.startsWith('--port=')) {
      const v = a === '--port' ? argv[++i] : a.slice('--port='.length);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new Error(`--port needs a number from 0 to 65535, not "${v}".`);
      out.port = n;
    } else throw new Error(`Unknown option "${a}". Use --web, --demo, --port N, --no-open.`);
  }
  return out;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`ScanBridge: ${(e as Error).message}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(DEFAULT_STATIC_DIR, 'index.html'))) {
    console.error('ScanBridge: the UI is not built. Run `npm start` (it builds) or `npm run build:web`.');
    process.exit(1);
  }
  const web = await startWebMode({
    ...(args.port !== undefined ? { port: args.port } : {}),
    demo: args.demo,
  });
  if (web.sampleDir) console.log(`ScanBridge demo: sample photos in ${web.sampleDir}`);
  console.log(`ScanBridge: ${web.pageUrl}`);
  if (args.open) openBrowser(web.pageUrl);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void web.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`ScanBridge: ${(e as Error).message}`);
    process.exit(1);
  });
}
