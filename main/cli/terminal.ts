/**
 * Where the CLI's human-readable output goes (stderr; stdout is for results and --json): whole lines,
 * plus one live status line on a terminal that every other line first clears, so an error or a
 * skipped file never lands on the progress line. Colours only on a terminal and never with NO_COLOR.
 */
export interface Terminal {
  readonly tty: boolean;
  /** Prints a line (ending the live status line first). */
  line(text: string): void;
  /** Replaces the live status line (terminal only; ignored when piped). */
  status(text: string): void;
  /** Ends the live status line, if one is shown. */
  endStatus(): void;
  red(t: string): string;
  green(t: string): string;
  yellow(t: string): string;
  dim(t: string): string;
}

export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function createTerminal(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Terminal {
  const tty = Boolean(stream.isTTY);
  const colour = useColour(stream, env);
  let statusShown = false;
  const paint = (code: number) => (t: string) => (colour ? `\x1b[${code}m${t}\x1b[0m` : t);
  const endStatus = () => {
    if (statusShown) stream.write('\r\x1b[K');
    statusShown = false;
  };
  return {
    tty,
    line(text) {
      endStatus();
      stream.write(`${text}\n`);
    },
    status(text) {
      if (!tty) return;
      stream.write(`\r${text}\x1b[K`);
      statusShown = true;
    },
    endStatus,
    red: paint(31),
    green: paint(32),
    yellow: paint(33),
    dim: paint(2),
  };
}

let shared: Terminal | undefined;
/** The process's stderr terminal (one, so every module shares the status line). */
export function stderrTerminal(): Terminal {
  return (shared ??= createTerminal());
}
