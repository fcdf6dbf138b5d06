/**
 * NodeODM jobs outside the job loop (`scanbridge status|download`, the board): each call goes to the
 * node the job was created on, with that job's own token entry (see nodeodm/backend.ts), whatever the
 * profile says now. A node that forgot the task answers NOT_FOUND; one that cannot be reached, NETWORK.
 */
import { logFields, type LogFields } from '../log-line.js';
import path from 'node:path';
import { InvalidInputError } from '../errors.js';
import type { BackendContext, BackendStatus } from '../jobs/backend.js';
import type { NodeOdmHandle } from '../nodeodm/backend.js';
import type { Runtime } from '../runtime.js';

export interface NodeOdmJobRef {
  jobId: string;
  /** The node the task lives on (no token). */
  node: string;
  uuid: string;
}

async function pinnedJob(rt: Pick<Runtime, 'jobs'>, jobId: string) {
  await rt.jobs.load();
  const rec = rt.jobs.record(jobId);
  if (!rec)
    throw new InvalidInputError(`There is no job ${jobId}.`, undefined, {
      detail: 'noJob',
      params: { id: jobId },
    });
  if (rec.job.backend !== 'nodeodm')
    throw new InvalidInputError(
      `Job ${jobId} runs on ${rec.job.backend}, not on a NodeODM node.`,
      undefined,
      { detail: 'notNode', params: { id: jobId } },
    );
  const handle = rec.handle as NodeOdmHandle | undefined;
  if (!handle?.uuid)
    throw new InvalidInputError(`Job ${jobId} has no task on a node yet.`, 'Resume it first.', {
      detail: 'noTask',
      params: { id: jobId },
    });
  return { rec, handle };
}

function oneOffContext(
  opts: {
    signal?: AbortSignal | undefined;
    onLog?: (level: 'info' | 'warn' | 'error', line: LogFields) => void;
  } = {},
): BackendContext {
  return {
    signal: opts.signal ?? new AbortController().signal,
    saveHandle: async () => undefined,
    onProgress: () => undefined,
    log: (level, line) => opts.onLog?.(level, logFields(line)),
  };
}

/** The task's state on its own node. */
export async function nodeOdmJobStatus(
  rt: Pick<Runtime, 'jobs' | 'backend'>,
  jobId: string,
  opts: { signal?: AbortSignal } = {},
): Promise<NodeOdmJobRef & { status: BackendStatus }> {
  const { rec, handle } = await pinnedJob(rt, jobId);
  const backend = rt.backend('nodeodm', rec.job.profile);
  const status = await backend.poll(handle, oneOffContext(opts));
  return { jobId, node: handle.url ?? handle.node, uuid: handle.uuid, status };
}

/** Downloads and extracts the result from the job's node into `dir` (default: the job's download folder). */
export async function nodeOdmJobDownload(
  rt: Pick<Runtime, 'jobs' | 'backend' | 'settings'>,
  jobId: string,
  opts: {
    dir?: string;
    signal?: AbortSignal;
    onLog?: (level: 'info' | 'warn' | 'error', line: LogFields) => void;
  } = {},
): Promise<NodeOdmJobRef & { folder: string; files: string[] }> {
  const { rec, handle } = await pinnedJob(rt, jobId);
  const folder =
    opts.dir ??
    path.join(rec.request.downloadDir ?? rt.settings.get().downloadDir, rec.job.projectName || handle.name);
  const files = await rt.backend('nodeodm', rec.job.profile).download(handle, folder, oneOffContext(opts));
  return { jobId, node: handle.url ?? handle.node, uuid: handle.uuid, folder, files };
}
