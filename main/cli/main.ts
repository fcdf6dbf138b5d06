/**
 * `scanbridge`: the same core as the desktop app, for scanner rigs, headless machines and scripts.
 * Every command exits with a documented code (see EXIT_HELP) and, with --json, prints one JSON object.
 */
import { Command, Option } from 'commander';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { cliVersion, parsePositiveInt } from './args.js';
import type { GlobalOptions } from './context.js';
import type { UploadOptions } from './commands/jobs.js';
import type { ReconstructCliOptions } from './commands/reconstruct.js';
import type { WatchCliOptions } from './commands/watch.js';

// Commands are imported when they run, so `--version` and `--help` load only commander.
const jobs = () => import('./commands/jobs.js');
const project = () => import('./commands/project.js');
const token = () => import('./commands/token.js');

export function buildProgram(run: (p: Promise<number>) => void): Command {
  const program = new Command('scanbridge')
    .description('From a folder of photos to a 3D model: OpenScan Cloud, NodeODM or local COLMAP.')
    .option('--endpoint <url>', 'OpenScan Cloud address (default: from settings)')
    .option('--token <token>', 'OpenScan token (default: SCANBRIDGE_TOKEN, then the saved token)')
    .option('--data-dir <dir>', 'data folder (default: SCANBRIDGE_DATA_DIR, then the platform default)')
    .option('--json', 'print one JSON object at the end, nothing else on stdout')
    .version(cliVersion(), '-V, --version', 'print the version')
    .addHelpText('after', `\n${EXIT_HELP}\n`)
    .showHelpAfterError()
    .exitOverride();

  const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;

  program
    .command('upload')
    .description('check, pack and upload photos (folders, zips, files), then start processing')
    .argument('<paths...>', 'folders, zip files or photos')
    .option('--name <prefix>', 'readable project name prefix (a random suffix is always added)')
    .option('--concurrency <k>', 'parts uploaded at once', parsePositiveInt('--concurrency'))
    .option('--part-size <bytes>', 'bytes per part (at most 200000000)', parsePositiveInt('--part-size'))
    .option('--wait', 'wait until processing is done (and download with --download)')
    .option('--download <dir>', 'download and extract the model into this folder when done (implies --wait)')
    .addOption(
      new Option('--backend <kind>', 'where to process')
        .choices(['cloud', 'nodeodm', 'local'])
        .default('cloud'),
    )
    .action((paths: string[], _o: UploadOptions, cmd: Command) =>
      run(jobs().then((m) => m.uploadCommand(paths, globals(cmd) as UploadOptions))),
    );

  program
    .command('status')
    .description("show a project's status on the cloud")
    .argument('<project>', 'project name (or job id)')
    .action((name: string, _o: unknown, cmd: Command) =>
      run(project().then((m) => m.statusCommand(name, globals(cmd)))),
    );

  program
    .command('download')
    .description("download and extract a finished project's model")
    .argument('<project>', 'project name')
    .argument('<dir>', 'folder to put it in')
    .action((name: string, dir: string, _o: unknown, cmd: Command) =>
      run(project().then((m) => m.downloadCommand(name, dir, globals(cmd)))),
    );

  program
    .command('resume')
    .description('continue every unfinished or paused job (after a crash, a reboot or Ctrl-C)')
    .option('--wait', 'wait until processing is done')
    .action((_o: unknown, cmd: Command) => run(jobs().then((m) => m.resumeCommand(globals(cmd)))));

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
          m.reconstructCommand(paths, globals(cmd) as ReconstructCliOptions),
        ),
      ),
    );

  program
    .command('watch')
    .description('send every complete scan that appears in a folder (one subfolder or zip per scan)')
    .argument('<dir>', 'the folder the scanner writes to')
    .addOption(
      new Option('--backend <kind>', 'where to process')
        .choices(['cloud', 'nodeodm', 'local'])
        .default('cloud'),
    )
    .option('--profile <name>', 'backend profile from settings (NodeODM: or the node address via --endpoint)')
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
      run(import('./commands/watch.js').then((m) => m.watchCommand(dir, globals(cmd) as WatchCliOptions))),
    );

  program
    .command('backends')
    .description('list the backends (cloud, NodeODM profiles, local COLMAP) and whether each answers')
    .action((_o: unknown, cmd: Command) =>
      run(import('./commands/backends.js').then((m) => m.backendsCommand(globals(cmd)))),
    );

  const tokenCmd = program.command('token').description('show, save or request an OpenScan token');
  tokenCmd
    .command('info')
    .description('credit and limits of the token')
    .action((_o: unknown, cmd: Command) => run(token().then((m) => m.tokenInfoCommand(globals(cmd)))));
  tokenCmd
    .command('set')
    .description('check a token with the cloud and save it (use "-" to read it from stdin)')
    .argument('[token]', 'the token, or - for stdin')
    .action((value: string | undefined, _o: unknown, cmd: Command) =>
      run(token().then((m) => m.tokenSetCommand(value, globals(cmd)))),
    );
  tokenCmd
    .command('request')
    .description('ask for a private token; it arrives by mail')
    .argument('<mail>')
    .argument('<forename>')
    .argument('<lastname>')
    .action((mail: string, f: string, l: string, _o: unknown, cmd: Command) =>
      run(token().then((m) => m.tokenRequestCommand(mail, f, l, globals(cmd)))),
    );

  return program;
}

async function report(e: unknown, o: GlobalOptions): Promise<number> {
  const { reportError } = await import('./context.js');
  return reportError(e, o);
}

export async function main(argv: string[]): Promise<number> {
  let pending: Promise<number> | undefined;
  const program = buildProgram((p) => {
    pending = p;
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const code = (e as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
      return EXIT.OK;
    if (typeof code === 'string' && code.startsWith('commander.')) return EXIT.USAGE;
    return report(e, program.opts() as GlobalOptions);
  }
  if (!pending) return EXIT.USAGE;
  try {
    return await pending;
  } catch (e) {
    return report(e, program.opts() as GlobalOptions);
  }
}
