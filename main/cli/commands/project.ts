/** `scanbridge status <project>` and `scanbridge download <project> <dir>`: talk to the cloud directly. */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { downloadFile } from '../../core/archive/download.js';
import { safeExtract } from '../../core/archive/safe-extract.js';
import { unwrapDownloadLink } from '../../core/cloud/download-link.js';
import { ScanBridgeError } from '../../core/errors.js';
import { normalizeCloudStatus } from '../../core/jobs/cloud-status.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime, type GlobalOptions } from '../context.js';

export async function statusCommand(project: string, o: GlobalOptions): Promise<number> {
  return withRuntime(o, { lock: false }, async (rt) => {
    const job = rt.jobs.list().find((j) => j.projectName === project || j.id === project);
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
    const files = await safeExtract(zip, target);
    await rm(zip, { force: true });
    if (o.json) process.stdout.write(`${JSON.stringify({ project, folder: target, files })}\n`);
    else process.stderr.write(`${project}: ${files.length} files in ${target}\n`);
    return EXIT.OK;
  });
}
