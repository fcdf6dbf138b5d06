/**
 * The command tree of `scanbridge`: commands, arguments and options, each described in the CLI's
 * language (`t`, catalogue block `cliCmd.help`). Built twice when a person needs to read it: first
 * without words (no catalogue: `--version` and every command that parses stays fast), and again with
 * the catalogue only when commander has help or a usage error to print (main.ts).
 */
import { Command, Option } from 'commander';
import { cliVersion, collectOption, parsePositiveInt } from './args.js';
import type { CliT } from './cli-language.js';
import type { UploadOptions } from './commands/upload.js';
import type { ReconstructCliOptions } from './commands/reconstruct.js';
import type { CheckCliOptions } from './commands/check.js';
import type { WatchCliOptions } from './commands/watch.js';
import { leanHeap } from './lean-heap.js';

const upload = () => {
  leanHeap();
  return import('./commands/upload.js');
};
const status = () => import('./commands/status.js');
const token = () => import('./commands/token.js');
const config = () => import('./commands/config.js');
const profiles = () => import('./commands/profiles.js');

/** What the words of the tree come from; `t` undefined: no words (the first, silent parse). */
export interface ProgramWords {
  t?: CliT | undefined;
  /** The text after the top-level help (the exit-code table). */
  after?: string | undefined;
}

export function buildProgram(run: (p: Promise<number>) => void, words: ProgramWords = {}): Command {
  const h = (key: string): string => (words.t ? words.t(`cliCmd.help.${key}`) : '');
  const t = words.t;
  const backendOption = () =>
    new Option('--backend <kind>', h('backend')).choices(['cloud', 'nodeodm', 'local']).default('cloud');
  const program = new Command('scanbridge')
    .description(h('program'))
    .option('--endpoint <url>', h('global.endpoint'))
    .option('--token <token>', h('global.token'))
    .option('--data-dir <dir>', h('global.dataDir'))
    .option('--json', h('global.json'))
    .option('-v, --verbose', h('global.verbose'))
    .version(cliVersion(), '-V, --version', h('version'))
    .exitOverride();
  if (words.after) program.addHelpText('after', `\n${words.after}\n`);

  const globals = <T>(cmd: Command): T => cmd.optsWithGlobals() as T;

  program
    .command('upload')
    .description(h('upload.about'))
    .argument('<paths...>', h('upload.paths'))
    .option('--name <prefix>', h('upload.name'))
    .option('--concurrency <k>', h('upload.concurrency'), parsePositiveInt('--concurrency', t))
    .option('--part-size <bytes>', h('upload.partSize'), parsePositiveInt('--part-size', t))
    .option('--wait', h('upload.wait'))
    .option('--download <dir>', h('upload.download'))
    .addOption(backendOption())
    .option('--profile <name>', h('upload.profile'))
    .option('--node-token <token>', h('upload.nodeToken'))
    .option('--option <name=value>', h('upload.option'), collectOption(t))
    .action((paths: string[], _o: unknown, cmd: Command) =>
      run(upload().then((m) => m.uploadCommand(paths, globals<UploadOptions>(cmd)))),
    );

  program
    .command('resume')
    .description(h('resume'))
    .option('--wait', h('wait'))
    .action((_o: unknown, cmd: Command) => run(upload().then((m) => m.resumeCommand(globals(cmd)))));

  program
    .command('retry')
    .description(h('retry.about'))
    .argument('<job>', h('job'))
    .option('--yes', h('retry.yes'))
    .option('--wait', h('wait'))
    .action((ref: string, _o: unknown, cmd: Command) =>
      run(import('./commands/retry.js').then((m) => m.retryCommand(ref, globals(cmd)))),
    );

  program
    .command('jobs')
    .description(h('jobs.about'))
    .option('--all', h('jobs.all'))
    .action((_o: unknown, cmd: Command) =>
      run(import('./commands/jobs.js').then((m) => m.jobsCommand(globals(cmd)))),
    );

  program
    .command('status')
    .description(h('status'))
    .argument('<job>', h('job'))
    .action((ref: string, _o: unknown, cmd: Command) =>
      run(status().then((m) => m.statusCommand(ref, globals(cmd)))),
    );

  program
    .command('download')
    .description(h('download.about'))
    .argument('<job>', h('job'))
    .argument('[dir]', h('download.dir'))
    .action((ref: string, dir: string | undefined, _o: unknown, cmd: Command) =>
      run(status().then((m) => m.downloadCommand(ref, dir, globals(cmd)))),
    );

  const check = program
    .command('check')
    .description(h('check.about'))
    .argument('<paths...>', h('check.paths'))
    .option('--colmap <path>', h('colmap'))
    .option('--threads <n>', h('check.threads'), parsePositiveInt('--threads', t))
    .action((paths: string[], _o: unknown, cmd: Command) =>
      run(import('./commands/check.js').then((m) => m.checkCommand(paths, globals(cmd) as CheckCliOptions))),
    );
  if (t) check.addHelpText('after', `\n${h('check.after')}`);

  program
    .command('reconstruct')
    .description(h('reconstruct.about'))
    .argument('<paths...>', h('reconstruct.paths'))
    .requiredOption('--out <dir>', h('reconstruct.out'))
    .option('--colmap <path>', h('colmap'))
    .addOption(
      new Option('--matcher <kind>', h('reconstruct.matcher'))
        .choices(['auto', 'exhaustive', 'sequential'])
        .default('auto'),
    )
    .addOption(new Option('--mesh <kind>', h('reconstruct.mesh')).choices(['auto', 'none']).default('auto'))
    .action((paths: string[], _o: unknown, cmd: Command) =>
      run(
        import('./commands/reconstruct.js').then((m) =>
          m.reconstructCommand(paths, globals<ReconstructCliOptions>(cmd)),
        ),
      ),
    );

  program
    .command('watch')
    .description(h('watch.about'))
    .argument('<dir>', h('watch.dir'))
    .addOption(backendOption())
    .option('--profile <name>', h('watch.profile'))
    .option('--quiet <seconds>', h('watch.quiet'), parsePositiveInt('--quiet', t), 30)
    .option('--marker <name...>', h('watch.marker'))
    .option('--delete', h('watch.delete'))
    .option('--existing', h('watch.existing'))
    .action((dir: string, _o: unknown, cmd: Command) =>
      run(
        Promise.resolve(leanHeap())
          .then(() => import('./commands/watch.js'))
          .then((m) => m.watchCommand(dir, globals<WatchCliOptions>(cmd))),
      ),
    );

  program
    .command('backends')
    .description(h('backends'))
    .action((_o: unknown, cmd: Command) =>
      run(import('./commands/backends.js').then((m) => m.backendsCommand(globals(cmd)))),
    );

  const cfg = program.command('config').description(h('config.about'));
  cfg
    .command('list')
    .description(h('config.list'))
    .action((_o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('list', undefined, undefined, globals(cmd)))),
    );
  cfg
    .command('get')
    .argument('<name>', h('config.name'))
    .description(h('config.get'))
    .action((name: string, _o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('get', name, undefined, globals(cmd)))),
    );
  cfg
    .command('set')
    .argument('<name>', h('config.name'))
    .argument('<value>', h('config.value'))
    .description(h('config.set'))
    .action((name: string, value: string, _o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('set', name, value, globals(cmd)))),
    );
  cfg
    .command('unset')
    .argument('<name>', h('config.name'))
    .description(h('config.unset'))
    .action((name: string, _o: unknown, cmd: Command) =>
      run(config().then((m) => m.configCommand('unset', name, undefined, globals(cmd)))),
    );

  const prof = program.command('profiles').description(h('profiles.about'));
  prof
    .command('list')
    .description(h('profiles.list'))
    .action((_o: unknown, cmd: Command) => run(profiles().then((m) => m.profilesListCommand(globals(cmd)))));
  prof
    .command('add')
    .argument('<name>', h('profiles.name'))
    .description(h('profiles.add'))
    .option('--node-token <token>', h('profiles.nodeToken'))
    .option('--option <name=value>', h('profiles.option'), collectOption(t))
    .action((name: string, _o: unknown, cmd: Command) =>
      run(profiles().then((m) => m.profilesAddCommand(name, globals(cmd)))),
    );
  prof
    .command('remove')
    .argument('<name>', h('profiles.name'))
    .description(h('profiles.remove'))
    .action((name: string, _o: unknown, cmd: Command) =>
      run(profiles().then((m) => m.profilesRemoveCommand(name, globals(cmd)))),
    );

  const tok = program.command('token').description(h('token.about'));
  tok
    .command('info')
    .description(h('token.info'))
    .action((_o: unknown, cmd: Command) => run(token().then((m) => m.tokenInfoCommand(globals(cmd)))));
  tok
    .command('set')
    .description(h('token.set'))
    .argument('[token]', h('token.value'))
    .action((value: string | undefined, _o: unknown, cmd: Command) =>
      run(token().then((m) => m.tokenSetCommand(value, globals(cmd)))),
    );
  tok
    .command('clear')
    .description(h('token.clear'))
    .action((_o: unknown, cmd: Command) => run(token().then((m) => m.tokenClearCommand(globals(cmd)))));
  tok
    .command('request')
    .description(h('token.request'))
    .argument('<mail>', h('token.mail'))
    .argument('<forename>', h('token.forename'))
    .argument('<lastname>', h('token.lastname'))
    .action((mail: string, f: string, l: string, _o: unknown, cmd: Command) =>
      run(token().then((m) => m.tokenRequestCommand(mail, f, l, globals(cmd)))),
    );

  return program;
}

/** Every command of the tree, the program first. */
export function allCommands(program: Command): Command[] {
  const out: Command[] = [];
  const walk = (c: Command): void => {
    out.push(c);
    c.commands.forEach(walk);
  };
  walk(program);
  return out;
}
