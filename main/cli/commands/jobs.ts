/** `scanbridge jobs [--all] [--json]`: the job board. */
import { isFinished } from '../../contract/job-states.js';
import { EXIT } from '../exit-codes.js';
import { age, printable, table } from '../format.js';
import { jobProgressView } from '../job-progress.js';
import { print, withService, type GlobalOptions } from '../context.js';

export async function jobsCommand(o: GlobalOptions & { all?: boolean }): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const all = await service.listJobs();
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
          return all.length === 0
            ? 'No jobs yet.'
            : `No unfinished jobs (${all.length} finished: scanbridge jobs --all).`;
        return table(
          ['ID', 'NAME', 'BACKEND', 'STATE', 'PROGRESS', 'AGE', 'RESULT'],
          jobs.map((j) => [
            j.id,
            printable(j.projectName || '-', 60),
            j.backend,
            j.state + (j.rawStatus ? ` (${printable(j.rawStatus, 40)})` : ''),
            jobProgressView(j).text,
            age(j.createdAt),
            j.result?.folder ?? (j.error ? printable(j.error.message, 80) : ''),
          ]),
        );
      },
    );
    return EXIT.OK;
  });
}
