/**
 * `scanbridge`: the same application service as the desktop app, for scanner rigs, headless machines
 * and scripts. Every command exits with a documented code (the exit-code table in --help) and, with
 * --json, prints one JSON value on stdout. Commands are imported when they run, and the catalogue is
 * loaded only when there are words to say: --version and a command that parses never pay for it.
 *
 * Parsing happens once without words, printing nothing. Only when commander has help or a usage error
 * to show is the tree built again with the words of the CLI's language and parsed again (the same
 * argv: the same outcome), so help, headings and errors come from the catalogue.
 */
import type { Command } from 'commander';
import { EXIT } from './exit-codes.js';
import type { GlobalOptions } from './context.js';
import { buildProgram } from './program.js';
import { dressProgram, type Capture } from './help-words.js';

async function report(e: unknown, o: GlobalOptions): Promise<number> {
  const [{ reportError }, { UsageError }, { cliText, languageFor }] = await Promise.all([
    import('./report.js'),
    import('./usage-error.js'),
    import('./cli-language.js'),
  ]);
  // In the CLI's language (config set language, else LANG/LC_*): the catalogue's words for the error.
  const text = await cliText(languageFor(o));
  if (e instanceof UsageError) {
    // On screen in the CLI's language; --json keeps the English message scripts have always read.
    const said = e.said ?? { message: e.message, hint: e.hint };
    process.stderr.write(
      `${text.t('cli.errorPrefix')}: ${said.message}\n${said.hint ? `  ${said.hint}\n` : ''}`,
    );
    if (o.json) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: e.message } })}\n`);
    return EXIT.USAGE;
  }
  const nodeToken = (o as { nodeToken?: string }).nodeToken;
  return reportError(
    e,
    o,
    [o.token ?? process.env.SCANBRIDGE_TOKEN, process.env.SCANBRIDGE_NODEODM_TOKEN, nodeToken],
    text,
  );
}

type Parsed = { program: Command; pending?: Promise<number> | undefined; error?: unknown };

async function parse(argv: string[], words?: Awaited<ReturnType<typeof wordsFor>>, capture?: Capture) {
  const parsed: Parsed = {
    program: buildProgram((p) => {
      parsed.pending = p;
    }, words),
  };
  dressProgram(parsed.program, words?.t, capture);
  try {
    await parsed.program.parseAsync(argv);
  } catch (e) {
    parsed.error = e;
  }
  return parsed;
}

/** The words of the tree in the CLI's language (the data folder may set it: --data-dir is parsed). */
async function wordsFor(o: GlobalOptions) {
  const [{ cliText, languageFor }, { exitCodeHelp }] = await Promise.all([
    import('./cli-language.js'),
    import('../core/error-table.js'),
  ]);
  const { t } = await cliText(languageFor(o));
  const after = exitCodeHelp((exit) => t(`cliCmd.help.exit.${exit}`), t('cliCmd.help.exitTitle'));
  return { t, after };
}

const commanderCode = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('commander.') ? code : undefined;
};

export async function main(argv: string[]): Promise<number> {
  const capture: Capture = { out: [], err: [] };
  let run = await parse(argv, undefined, capture);
  const code = commanderCode(run.error);
  if (code === 'commander.version') {
    process.stdout.write(capture.out.join(''));
    return EXIT.OK;
  }
  if (code || (!run.error && !run.pending)) {
    // Something to say in words: help, or wrong usage. Again, with the catalogue, printing this time.
    run = await parse(argv, await wordsFor(run.program.opts()));
  }
  const program = run.program;
  if (run.error) {
    const { code: c, exitCode } = run.error as { code?: string; exitCode?: number };
    if (c === 'commander.helpDisplayed' || c === 'commander.version') return EXIT.OK;
    // Help asked for is success; help shown because a command or subcommand is missing is wrong usage.
    if (c === 'commander.help') return exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (commanderCode(run.error)) return EXIT.USAGE;
    return report(run.error, program.opts());
  }
  if (!run.pending) {
    // `scanbridge` alone, or a command group without its subcommand: show what is there.
    program.outputHelp({ error: true });
    return EXIT.USAGE;
  }
  try {
    return await run.pending;
  } catch (e) {
    return report(e, program.opts());
  }
}
