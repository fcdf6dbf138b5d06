/** `scanbridge jobs [--all] [--json]`: the job board. */
import { isFinished } from '../../contract/job-states.js';
import { EXIT } from '../exit-codes.js';
import { age, printable, table } from '../format.js';
import { jobProgressView } from '../job-progress.js';
import { cliText, languageFor } from '../cli-language.js';
import { errorLines } from '../output-error.js';
import { backendStatusText } from '../status-words.js';
import { print, withService, type GlobalOptions } from '../context.js';

export async function jobsCommand(o: GlobalOptions & { all?: boolean }): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const all = await service.listJobs();
    const text = await cliText(languageFor(o));
    const { t } = text;
    const jobs = (o.all ? all : all.filter((j) => !isFinished(j.state) || j.state === 'failed'))
      .slice()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    print(
      o,
      jobs.map((j) => ({
        id: j.id,
        project: j.projectName,
        backend: j.backend,
        profile: j.profile,
        state: j.state,
        status: j.rawStatus ?? null,
        // null where nothing is measured (a cloud job processing): never the upload's leftover 1.0.
        progress: jobProgressView(j).fraction,
        stage: jobProgressView(j).stage,
        createdAt: j.createdAt,
        updatedAt: j.updatedAt,
        folder: j.result?.folder ?? null,
        downloadUrl: j.result?.downloadUrl ?? null,
        error: j.error ?? null,
      })),
      () => {
        if (jobs.length === 0)
          return all.length === 0 ? t('cli.jobs.none') : t('cli.jobs.noneUnfinished', { count: all.length });
        // In a table cell the cloud's status sentence would be long: other languages say the state only.
        const rawShown = (j: (typeof jobs)[number]) =>
          text.lang !== 'en' && j.backend === 'cloud'
            ? ''
            : printable(backendStatusText(text, j.backend, j.rawStatus ?? ''), 40);
        return table(
          (['id', 'name', 'backend', 'state', 'progress', 'age', 'result'] as const).map((h) =>
            t(`cli.jobs.head.${h}`),
          ),
          jobs.map((j) => [
            j.id,
            printable(j.projectName || '-', 60),
            j.backend,
            t(`cli.state.${j.state}`) + (j.rawStatus && rawShown(j) ? ` (${rawShown(j)})` : ''),
            jobProgressView(j, t).text,
            age(j.createdAt, Date.now(), text.lang),
            j.result?.folder ?? (j.error ? errorLines(text, j.error).title.slice(0, 80) : ''),
          ]),
        );
      },
    );
    return EXIT.OK;
  });
}
