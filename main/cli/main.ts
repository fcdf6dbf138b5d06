/**
 * `scanbridge`: the same application service as the desktop app, for scanner rigs, headless machines
 * and scripts. Every command exits with a documented code (EXIT_HELP) and, with --json, prints one
 * JSON value on stdout. Commands are imported when they run, so --version and --help load only this.
 */
import { Command, Option } from 'commander';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { cliVersion, collectOption, parsePositiveInt } from './args.js';
import type { GlobalOptions } from './context.js';
import type { UploadOptions } from './commands/upload.js';
import type { ReconstructCliOptions } from './commands/reconstruct.js';
import type { CheckCliOptions } from './commands/check.js';
import { CHECK_HELP } from './commands/check-help.js';
import { leanHeap } from './lean-heap.js';
import type { WatchCliOptions } from './commands/watch.js';

const upload = () => {
  leanHeap();
  return import('./commands/upload.js');
};
const status = () => import('./commands/status.js');
const token = () => import('./commands/token.js');
const config = () => import('./commands/config.js');
const profiles = () => import('./commands/profiles.js');

const backendOption = () =>
  new Option('--backend <kind>', 'where to process').choices(['cloud', 'nodeodm', 'local']).default('cloud');

export function buildProgram(run: (p: Promise<number>) => void): Command {
  const program = new Command('scanbridge')
    .description('From a folder of photos to a 3D model: OpenScan Cloud, NodeODM or local COLMAP.')
    .option(
      '--endpoint <url>',
      'OpenScan Cloud address, or the NodeODM node with --backend nodeodm (default: SCANBRIDGE_ENDPOINT, then config)',
    )
    .option('--token <token>', 'OpenScan token (default: SCANBRIDGE_TOKEN, then the saved token)')
    .option('--data-dir <dir>', 'data folder (default: SCANBRIDGE_DATA_DIR, then the platform default)')
    .option('--json', 'print one JSON value on stdout, nothing else')
    .option('-v, --verbose', "also print the job log (every step, a node's console)")
    .version(cliVersion(), '-V, --version', 'print the version')
    .addHelpText('after', `\n${EXIT_HELP}\n`)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  program.configureHelp({ showGlobalOptions: true });

  const globals = <T>(cmd: Command): T => cmd.optsWithGlobals() as T;

  program
    .command('upload')
    .description('check, pack and upload photos (folders, zips, files), then start processing')
    .argument('<paths...>', 'folders, zip files or photos')
    .option('--name <prefix>', 'readable project name prefix (a random suffix is always added)')
    .option(
      '--concurrency <k>',
      'parts uploaded at once (default: config)',
      parsePositiveInt('--concurrency'),
    )
    .option('--part-size <bytes>', 'bytes per part (at most 200000000)', parsePositiveInt('--part-size'))
    .option('--wait', 'wait until processing is done (downloads only with --download)')
    .option('--download <dir>', 'download and extract the model into this folder when done (implies --wait)')
    .addOption(backendOption())
    .option('--profile <name>', 'a saved NodeODM profile (scanbridge profiles list)')
    .option(
      '--node-token <token>',
      'the NodeODM node token for this run (sent to that node only, never stored)',
    )
    .option('--option <name=value>', 'a NodeODM task option, repeatable', collectOption)
    .action((paths: string[], _o: unknown, cmd: Command) =>
      run(upload().then((m) => m.uploadCommand(paths, globals<UploadOptions>(cmd)))),
    );

  program
    .command('resume')
    .description('continue every unfinished or paused job (after a crash, a reboot or Ctrl-C)')
    .option('--wait', 'wait until processing is done')
    .action((_o: unknown, cmd: Command) => run(upload().then((m) => m.resumeCommand(globals(cmd)))));

  program
    .command('retry')
    .description(
      'start a failed or cancelled job again; says first what credit a new cloud project costs (ask, or --yes)',
    )
    .argument('<job>', 'job id or project name')
    .option('--yes', 'do not ask: start it even when it costs credit again (for scripts)')
    .option('--wait', 'wait until processing is done')
    .action((ref: string, _o: unknown, cmd: Command) =>
      run(import('./commands/retry.js').then((m) => m.retryCommand(ref, globals(cmd)))),
    );

  program
    .command('jobs')
    .description('list the jobs: name, backend, state, progress, age, result')
    .option('--all', 'include finished jobs')
    .action((_o: unknown, cmd: Command) =>
      run(import('./commands/jobs.js').then((m) => m.jobsCommand(globals(cmd)))),
    );

  program
    .command('status')
    .description("a job's or a cloud project's status, asked live (any backend)")
    .argument('<job>', 'job id or project name')
    .action((ref: string, _o: unknown, cmd: Command) =>
      run(status().then((m) => m.statusCommand(ref, globals(cmd)))),
    );

  program
    .command('download')
    .description("download and extract a finished job's or cloud project's model (any backend)")
    .argument('<job>', 'job id or project name')
    .argument('[dir]', 'folder to put it in (default: config downloadDir)')
    .action((ref: string, dir: string | undefined, _o: unknown, cmd: Command) =>
      run(status().then((m) => m.downloadCommand(ref, dir, globals(cmd)))),
    );

  program
    .command('check')
    .description('look ahead before an upload: find photos that would spoil the model (exit 1 if risky)')
    .argument('<paths...>', 'a folder of photos, photo files, or a zip of photos (read in place)')
    .option('--colmap <path>', 'the COLMAP executable (default: bundled, then PATH)')
    .option(
      '--threads <n>',
      'threads for COLMAP and sharp (default: all cores but one)',
      parsePositiveInt('--threads'),
    )
    .addHelpText('after', CHECK_HELP)
    .action((paths: string[], _o: unknown, cmd: Command) =>
      run(import('./commands/check.js').then((m) => m.checkCommand(paths, globals(cmd) as CheckCliOptions))),
    );

  program
    .command('reconstruct')
    .description('make a 3D model on this computer with COLMAP (no network needed)')
    .argument('<paths...>', 'a folder of photos, or photo files')
    .requiredOption('--out <dir>', 'workspace and results folder (run again to continue an interrupted run)')
    .option('--colmap <path>', 'the COLMAP executable (default: bundled, then PATH)')
    .addOption(
      new Option('--matcher <kind>', 'how photos are paired')
        .choices(['auto', 'exhaustive', 'sequential'])
        .default('auto'),
    )
    .addOption(new Option('--mesh <kind>', 'make a mesh').choices(['auto', 'none']).default('auto'))
    .action((paths: string[], _o: unknown, cmd: Command) =>
      run(
        import('./commands/reconstruct.js').then((m) =>
          m.reconstructCommand(paths, globals<ReconstructCliOptions>(cmd)),
        ),
      ),
    );

  program
    .command('watch')
    .description('send every complete scan that appears in a folder (one subfolder or zip per scan)')
    .argument('<dir>', 'the folder the scanner writes to')
    .addOption(backendOption())
    .option('--profile <name>', 'a saved NodeODM profile (or the node address via --endpoint)')
    .option(
      '--quiet <seconds>',
      'a scan is complete when nothing changed for this long',
      parsePositiveInt('--quiet'),
      30,
    )
    .option(
      '--marker <name...>',
      'a file whose appearance marks a scan complete (default: DONE, .done, done.txt…)',
    )
    .option('--delete', 'delete a scan once its model is done (default: keep)')
    .option('--existing', 'on the first start, also send the scans already there')
    .action((dir: string, _o: unknown, cmd: Command) =>
      run(
        Promise.resolve(leanHeap())
          .then(() => import('./commands/watch.js'))
          .then((m) => m.watchCommand(dir, globals<WatchCliOptions>(cmd))),
      ),
    );

  program
    .command('backends')
    .description('list the backends (cloud, NodeODM profiles, local COLMAP) and whether each answers')
    .action((_o: unknown, cmd: Command) =>
      run(import('./commands/backends.js').then((m) => m.backendsCommand(globals(cmd)))),
    );

  const cfg = program
    .command('config')
    .description(
      'settings: endpoint, downloadDir, concurrency, partSize, bandwidthLimit, autoDownload, colmapPath, language',
    );
  cfg
    .command('list')
    .description('every setting and its value')
    .action((_o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('list', undefined, undefined, globals(cmd)))),
    );
  cfg
    .command('get')
    .argument('<name>')
    .description('one setting')
    .action((name: string, _o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('get', name, undefined, globals(cmd)))),
    );
  cfg
    .command('set')
    .argument('<name>')
    .argument('<value>')
    .description('change a setting (flags still override it for one run)')
    .action((name: string, value: string, _o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('set', name, value, globals(cmd)))),
    );
  cfg
    .command('unset')
    .argument('<name>')
    .description('back to the default')
    .action((name: string, _o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('unset', name, undefined, globals(cmd)))),
    );

  const prof = program
    .command('profiles')
    .description('saved NodeODM nodes (address, options; token kept secret)');
  prof
    .command('list')
    .description('the saved profiles')
    .action((_o: unknown, cmd: Command) => run(profiles().then((m) => m.profilesListCommand(globals(cmd)))));
  prof
    .command('add')
    .argument('<name>')
    .description('save a node: --endpoint URL [--node-token T] [--option name=value]…')
    .option('--node-token <token>', 'the node token (stored like the cloud token, not in settings)')
    .option('--option <name=value>', 'a default task option, repeatable', collectOption)
    .action((name: string, _o: unknown, cmd: Command) =>
      run(profiles().then((m) => m.profilesAddCommand(name, globals(cmd)))),
    );
  prof
    .command('remove')
    .argument('<name>')
    .description('forget a node and its token')
    .action((name: string, _o: unknown, cmd: Command) =>
      run(profiles().then((m) => m.profilesRemoveCommand(name, globals(cmd)))),
    );

  const tok = program.command('token').description('show, save, clear or request an OpenScan token');
  tok
    .command('info')
    .description('credit and limits of the token')
    .action((_o: unknown, cmd: Command) => run(token().then((m) => m.tokenInfoCommand(globals(cmd)))));
  tok
    .command('set')
    .description(
      'check a token with the cloud and save it (no argument: asks with echo off; "-": reads stdin)',
    )
    .argument('[token]', 'the token, or - for stdin')
    .action((value: string | undefined, _o: unknown, cmd: Command) =>
      run(token().then((m) => m.tokenSetCommand(value, globals(cmd)))),
    );
  tok
    .command('clear')
    .description('remove the saved token')
    .action((_o: unknown, cmd: Command) => run(token().then((m) => m.tokenClearCommand(globals(cmd)))));
  tok
    .command('request')
    .description('ask for a private token; it arrives by mail')
    .argument('<mail>')
    .argument('<forename>')
    .argument('<lastname>')
    .action((mail: string, f: string, l: string, _o: unknown, cmd: Command) =>
      run(token().then((m) => m.tokenRequestCommand(mail, f, l, globals(cmd)))),
    );

  for (const c of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)])
    c.exitOverride().showHelpAfterError('(add --help for usage)');
  return program;
}

async function report(e: unknown, o: GlobalOptions): Promise<number> {
  const [{ reportError }, { UsageError }] = await Promise.all([
    import('./report.js'),
    import('./usage-error.js'),
  ]);
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ''}`);
    if (o.json) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: e.message } })}\n`);
    return EXIT.USAGE;
  }
  const nodeToken = (o as { nodeToken?: string }).nodeToken;
  // In the CLI's language (config set language, else LANG/LC_*): the catalogue's words for the error.
  const { cliText, languageFor } = await import('./cli-language.js');
  return reportError(
    e,
    o,
    [o.token ?? process.env.SCANBRIDGE_TOKEN, process.env.SCANBRIDGE_NODEODM_TOKEN, nodeToken],
    await cliText(languageFor(o)),
  );
}

export async function main(argv: string[]): Promise<number> {
  let pending: Promise<number> | undefined;
  const program = buildProgram((p) => {
    pending = p;
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const { code, exitCode } = e as { code?: string; exitCode?: number };
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return EXIT.OK;
    // Help asked for is success; help shown because a command or subcommand is missing is wrong usage.
    if (code === 'commander.help') return exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (typeof code === 'string' && code.startsWith('commander.')) return EXIT.USAGE;
    return report(e, program.opts());
  }
  if (!pending) {
    // `scanbridge` alone, or a command group without its subcommand: show what is there.
    program.outputHelp({ error: true });
    return EXIT.USAGE;
  }
  try {
    return await pending;
  } catch (e) {
    return report(e, program.opts());
  }
}
