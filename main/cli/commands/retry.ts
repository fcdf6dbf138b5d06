/**
 * `scanbridge retry <job> [--yes] [--wait]`: start a failed or cancelled job again. When that means a
 * new cloud project (the cloud forgot the old one, or it was cancelled), it costs credit again: the
 * command says how much before anything starts, and asks (on a terminal) or wants --yes (scripts).
 */
import readline from 'node:readline/promises';
import { EXIT } from '../exit-codes.js';
import { printable } from '../format.js';
import { cliText, languageFor } from '../cli-language.js';
import { createReporter } from '../output.js';
import { withService, type GlobalOptions } from '../context.js';
import { stderrTerminal } from '../terminal.js';
import { usageError } from '../usage-error.js';
import { finish, follow } from './upload.js';

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    // y/yes, and the German j/ja: the question is asked in the CLI's language.
    return /^(y(es)?|j(a)?)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function retryCommand(
  ref: string,
  o: GlobalOptions & { yes?: boolean; wait?: boolean },
): Promise<number> {
  const startedAt = Date.now();
  return withService(o, {}, async ({ service: svc, runtime }) => {
    const term = stderrTerminal();
    const job = (await svc.listJobs()).find((j) => j.id === ref || j.projectName === ref);
    const text = await cliText(languageFor(o));
    if (!job)
      throw usageError(text, 'cliCmd.retry.noJob', { ref: printable(ref, 120) }, ['cliCmd.retry.noJobHint']);
    const name = printable(job.projectName || job.id, 120);
    const cost = await svc.retryCost(job.id);
    if (cost.newProject) {
      term.line(
        cost.creditLeft === undefined
          ? text.t('cli.retry.cost', { name, size: cost.creditBytes })
          : text.t('cli.retry.costLeft', { name, size: cost.creditBytes, left: cost.creditLeft }),
      );
      if (!o.yes) {
        if (!process.stdin.isTTY) {
          if (o.json) process.stdout.write(`${JSON.stringify({ jobId: job.id, started: false, ...cost })}\n`);
          term.line(text.t('cli.retry.needYes'));
          return EXIT.USAGE;
        }
        if (!(await confirm(`${text.t('cli.retry.ask')} `))) {
          term.line(text.t('cli.retry.notStarted'));
          return EXIT.CANCELLED;
        }
      }
    }
    const reporter = createReporter({ json: Boolean(o.json), term, text, verbose: o.verbose });
    const off = svc.subscribe(reporter.listener);
    try {
      await svc.retryJob(job.id);
      const done = await follow(svc, o, [job.id], Boolean(o.wait), () => runtime.close());
      reporter.stop();
      return finish(done, o, term, text, startedAt, Boolean(o.wait));
    } finally {
      reporter.stop();
      off();
    }
  });
}
