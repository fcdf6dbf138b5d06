/**
 * Runs one COLMAP step as its own process: no shell (every path is its own argument, so spaces and
 * non-ASCII characters pass through untouched), lower priority so the desktop stays usable, output
 * streamed into the progress parser and the log. Cancel ends the whole process tree. A non-zero exit
 * becomes a ToolError whose message is COLMAP's own `ERROR:` line.
 */
import { execFile, spawn } from 'node:child_process';
import os from 'node:os';
import { CancelledError, DiskError, ToolError } from '../errors.js';
import { colmapEnv, type ColmapCommand } from './find-colmap.js';
import { createProgressParser, type ColmapEvent } from './progress-parser.js';

export interface RunStepOptions {
  colmap: ColmapCommand;
  /** The COLMAP command, e.g. 'feature_extractor'. */
  step: string;
  args: string[];
  cwd?: string | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: ((e: ColmapEvent) => void) | undefined;
  onLine?: ((line: string) => void) | undefined;
  /** Niceness for the child (POSIX 0..19; mapped by libuv on Windows). Default 10. */
  niceness?: number | undefined;
}

export interface StepResult {
  step: string;
  seconds: number;
  /** Every event the step printed, in order (analyzer stats, errors, progress). */
  events: ColmapEvent[];
  /** The last lines of output, for error reports. */
  tail: string[];
}

/** Threads for COLMAP: leave one core for the UI and the rest of the machine. */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

const TAIL = 30;
const KILL_GRACE_MS = 1500;

export function runStep(opts: RunStepOptions): Promise<StepResult> {
  const started = Date.now();
  const events: ColmapEvent[] = [];
  const tail: string[] = [];
  if (opts.signal?.aborted) return Promise.reject(new CancelledError());
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > TAIL) tail.shift();
    opts.onLine?.(line);
  };
  // One parser per stream (COLMAP prints progress on stdout and logs through glog on stderr), so a
  // line half-written on one stream is never glued to a line of the other.
  const parser = createProgressParser(onLine);
  const errParser = createProgressParser(onLine);
  const handle = (list: ColmapEvent[]): void => {
    for (const e of list) {
      events.push(e);
      opts.onEvent?.(e);
    }
  };

  return new Promise<StepResult>((resolve, reject) => {
    const child = spawn(opts.colmap.command, [opts.step, ...opts.args], {
      cwd: opts.cwd,
      env: colmapEnv(opts.colmap),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group on POSIX, so cancel can signal COLMAP and anything it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, opts.niceness ?? 10);
      } catch {
        // Not permitted (e.g. some containers): run at normal priority rather than fail.
      }
    }
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      if (child.pid !== undefined) killTree(child.pid);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8').on('data', (c: string) => handle(parser.push(c)));
    child.stderr.setEncoding('utf8').on('data', (c: string) => handle(errParser.push(c)));

    child.on('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(
        err.code === 'ENOENT'
          ? new ToolError(
              `COLMAP is no longer at "${opts.colmap.command}".`,
              'Check the COLMAP path in Settings.',
              err,
              { detail: 'notAt', params: { path: opts.colmap.command } },
            )
          : new ToolError(`Could not start COLMAP ${opts.step}: ${err.message}`, undefined, err, {
              detail: 'cannotStart',
              params: { path: opts.colmap.command },
            }),
      );
    });
    child.on('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      handle(parser.end());
      handle(errParser.end());
      if (cancelled) return reject(new CancelledError(`Cancelled during ${opts.step}.`));
      const seconds = (Date.now() - started) / 1000;
      if (code === 0) return resolve({ step: opts.step, seconds, events, tail });
      reject(stepError(opts.step, code, sig, events, tail, opts.cwd));
    });
  });
}

/** The error a failed step becomes: COLMAP's own ERROR line, or a full disk said plainly. */
export function stepError(
  step: string,
  code: number | null,
  sig: NodeJS.Signals | null,
  events: ColmapEvent[],
  tail: string[],
  /** The workspace COLMAP wrote into: the folder a full disk is said of. */
  folder?: string,
): Error {
  const text = tail.join('\n');
  if (/No space left on device|database or disk is full|ENOSPC/i.test(text)) {
    return new DiskError(
      `The disk filled up while COLMAP ran ${step}.`,
      undefined,
      folder === undefined ? undefined : { detail: 'full', params: { folder } },
    );
  }
  const errors = events.filter((e): e is Extract<ColmapEvent, { kind: 'error' }> => e.kind === 'error');
  const why = errors.at(-1)?.message ?? tail.at(-1) ?? '';
  const how = sig ? `was stopped by ${sig}` : `exited with code ${code}`;
  const said = why.trim();
  return new ToolError(
    `COLMAP ${step} ${how}${why ? `: ${why}` : '.'}`,
    "See the job log for COLMAP's full output.",
    undefined,
    sig
      ? said
        ? { detail: 'signal', params: { step, signal: sig, said } }
        : { detail: 'signalQuiet', params: { step, signal: sig } }
      : said
        ? { detail: 'exit', params: { step, exit: code ?? -1, said } }
        : { detail: 'exitQuiet', params: { step, exit: code ?? -1 } },
  );
}

/** Ends a process and everything it started: the process group on POSIX, taskkill /T on Windows. */
export function killTree(pid: number): void {
  if (process.platform === 'win32') {
    execFile('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
    return;
  }
  const send = (s: NodeJS.Signals): void => {
    try {
      process.kill(-pid, s);
    } catch {
      // Already gone.
    }
  };
  send('SIGTERM');
  // COLMAP may be deep in a BLAS loop that ignores SIGTERM for a while: follow up.
  setTimeout(() => send('SIGKILL'), KILL_GRACE_MS).unref();
}
