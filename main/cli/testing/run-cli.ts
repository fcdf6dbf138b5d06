/**
 * Runs the BUILT `scanbridge` command (out/cli/scanbridge.mjs) as a child process, the way people run
 * it: piped (`runCli`) or on a pseudo-terminal (`runCliTty`, through util-linux `script`). Async, so a
 * server-stub living in the test's own process keeps answering while the command runs.
 *
 *   const r = await runCli(['--endpoint', stub.url, 'token', 'info'], { dataDir, env: { SCANBRIDGE_TOKEN: t } });
 *   expect(r.code).toBe(0);
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BUILT_CLI = path.join(root, 'out', 'cli', 'scanbridge.mjs');

export interface CliRun {
  /** Exit code; null when killed by a signal (see `signal`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** SCANBRIDGE_DATA_DIR for the run (every test should use its own). */
  dataDir?: string;
  /** Added to a clean environment (PATH, HOME, LANG only; no SCANBRIDGE_* from the caller's shell). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed. Default: stdin closed at once. */
  stdin?: string;
  cwd?: string;
  /** Killed with SIGKILL after this long (default 60 s); the run then has signal SIGKILL. */
  timeoutMs?: number;
  /** Sends a signal once stderr+stdout match (e.g. SIGINT mid-upload). */
  signalWhen?: { match: RegExp; signal: NodeJS.Signals };
  /** Sends the signal this promise resolves to (e.g. once another run has finished). */
  signalOn?: Promise<NodeJS.Signals>;
}

/** Builds the command when it is missing (a test run without `npm run build`). */
export async function ensureBuiltCli(opts: { rebuild?: boolean } = {}): Promise<string> {
  if (opts.rebuild || !existsSync(BUILT_CLI)) {
    const mod = (await import(path.join(root, 'main', 'cli', 'build.mjs'))) as {
      buildCli(o: { quiet: boolean }): Promise<string>;
    };
    await mod.buildCli({ quiet: true });
  }
  return BUILT_CLI;
}

function cleanEnv(o: CliRunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    ...(o.dataDir ? { SCANBRIDGE_DATA_DIR: o.dataDir } : {}),
  };
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function collect(
  child: ReturnType<typeof spawn>,
  o: CliRunOptions,
  onOutput?: (all: string) => void,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const check = () => {
      onOutput?.(stdout + stderr);
      if (o.signalWhen && !signalled && o.signalWhen.match.test(stdout + stderr)) {
        signalled = true;
        child.kill(o.signalWhen.signal);
      }
    };
    child.stdout?.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
    child.stderr?.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    void o.signalOn?.then((sig) => child.exitCode === null && child.kill(sig));
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The command with pipes for stdin/stdout/stderr (not a terminal). */
export async function runCli(args: string[], o: CliRunOptions = {}): Promise<CliRun> {
  const cli = await ensureBuiltCli();
  const child = spawn(process.execPath, [cli, ...args], {
    env: cleanEnv(o),
    cwd: o.cwd ?? root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = collect(child, o);
  child.stdin?.on('error', () => undefined); // the command may exit before reading stdin
  child.stdin?.end(o.stdin ?? '');
  return done;
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface TtyStep {
  /** Wait until the terminal shows this… */
  waitFor: RegExp;
  /** …then type this (e.g. 'my-token\r'). */
  send: string;
}

/**
 * The command on a pseudo-terminal (stdin, stdout and stderr all a TTY, 100 columns), as a person
 * runs it. `output` is what the terminal shows: stdout and stderr interleaved, echo included, with
 * "\r\n" line ends. `steps` type input once the screen shows a prompt (typing earlier would be
 * echoed by the terminal before the command could turn echo off).
 */
export async function runCliTty(
  args: string[],
  o: CliRunOptions & { steps?: TtyStep[]; columns?: number } = {},
): Promise<CliRun & { output: string }> {
  const cli = await ensureBuiltCli();
  const cmd = `stty cols ${o.columns ?? 100} rows 40; exec ${[process.execPath, cli, ...args].map(shQuote).join(' ')}`;
  const child = spawn('script', ['-qefc', cmd, '/dev/null'], {
    env: { ...cleanEnv(o), SHELL: '/bin/sh', TERM: 'xterm-256color' },
    cwd: o.cwd ?? root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => undefined);
  const steps = [...(o.steps ?? [])];
  let from = 0;
  const r = await collect(child, o, (all) => {
    const step = steps[0];
    if (step && step.waitFor.test(all.slice(from))) {
      steps.shift();
      from = all.length;
      child.stdin?.write(step.send);
    }
  });
  return { ...r, output: r.stdout + r.stderr };
}
