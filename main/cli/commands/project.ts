/** `scanbridge status <project>` and `scanbridge download <project> <dir>`: talk to the cloud directly. */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { downloadFile } from '../../core/archive/download.js';
import { safeExtractZip } from '../../core/archive/safe-extract.js';
import { unwrapDownloadLink } from '../../core/cloud/download-link.js';
import { ScanBridgeError } from '../../core/errors.js';
import { normalizeCloudStatus } from '../../core/jobs/cloud-status.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime, type GlobalOptions } from '../context.js';

export async function statusCommand(project: string, o: GlobalOptions): Promise<number> {
  return withRuntime(o, { lock: false }, async (rt) => {
    const job = rt.jobs.list().find((j) => j.projectName === project || j.id === project);
    if (job && job.backend !== 'cloud') {
      // NodeODM and local jobs: ask their backend, with the journaled handle (read-only here).
      const handle = rt.jobs.record(job.id)?.handle;
      const live =
        handle === undefined
          ? undefined
          : await rt.backend(job.backend, job.profile).poll(handle, {
              signal: new AbortController().signal,
              saveHandle: async () => undefined,
              onProgress: () => undefined,
              log: () => undefined,
            });
      const out = {
        project: job.projectName,
        backend: job.backend,
        job: { id: job.id, state: job.state },
        status: live?.raw ?? job.rawStatus ?? null,
        phase: live?.phase ?? null,
      };
      if (o.json) process.stdout.write(`${JSON.stringify(out)}\n`);
      else
        process.stdout.write(
          `${job.projectName} (${job.backend}): ${live?.raw ?? job.state}${live?.progress !== undefined ? ` ${Math.round(live.progress * 100)}%` : ''}\n`,
        );
      return live?.phase === 'failed' ? EXIT.PROCESSING : EXIT.OK;
    }
    const name = job?.projectName || project;
    const info = await rt.cloud().getProjectInfo(await rt.getToken(), name);
    const s = normalizeCloudStatus(info);
    const out = {
      project: name,
      status: info.status,
      phase: s.phase,
      dlink: info.dlink ?? null,
      job: job ? { id: job.id, state: job.state } : null,
    };
    if (o.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else {
      process.stdout.write(`${name}: ${info.status || '(no status: expired or removed)'}\n`);
      if (info.dlink) process.stdout.write(`download: scanbridge download ${name} <folder>\n`);
    }
    return s.phase === 'failed' ? EXIT.PROCESSING : EXIT.OK;
  });
}

export async function downloadCommand(project: string, dir: string, o: GlobalOptions): Promise<number> {
  return withRuntime(o, { lock: false }, async (rt) => {
    const info = await rt.cloud().getProjectInfo(await rt.getToken(), project);
    if (!info.dlink) {
      throw new ScanBridgeError(
        'NOT_FOUND',
        `${project} has no result to download yet (status: ${info.status || 'none'}).`,
        {
          hint: 'Wait until its status is "processing done".',
        },
      );
    }
    const target = path.resolve(dir, project);
    const zip = `${target}.zip`;
    let last = 0;
    await downloadFile(unwrapDownloadLink(info.dlink), zip, {
      onProgress: (done, total) => {
        if (!o.json && Date.now() - last > 1000) {
          last = Date.now();
          process.stderr.write(`downloading… ${done}${total ? ` of ${total}` : ''} bytes\n`);
        }
      },
    });
    const files = await safeExtractZip(zip, target);
    await rm(zip, { force: true });
    if (o.json) process.stdout.write(`${JSON.stringify({ project, folder: target, files })}\n`);
    else process.stderr.write(`${project}: ${files.length} files in ${target}\n`);
    return EXIT.OK;
  });
}
