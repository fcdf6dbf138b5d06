/**
 * "Open with…" and "Reveal" for a finished job's result. The renderer names a job (and optionally
 * one of its models by a path inside the result folder, confined here); the file's real path never
 * comes from the renderer. The desktop app's platform port does the opening; web mode has none, and
 * every call answers DESKTOP_ONLY so the UI can say so instead of failing oddly.
 */
import type { ScanBridgeHandlers } from '../../contract/index.js';
import { DesktopOnlyError, InvalidInputError } from '../errors.js';
import { ok, type ServiceContext } from './context.js';
import { listResultModels, resolveResultFile } from './result-files.js';

export type OpenWithHandlers = Pick<ScanBridgeHandlers, 'listViewerApps' | 'openResultWith' | 'revealResult'>;

/** No size cap: the file is handed to another program, not read by us. */
const NO_CAP = Number.MAX_SAFE_INTEGER;

export function createOpenWithHandlers(ctx: ServiceContext): OpenWithHandlers {
  const platform = () => {
    const p = ctx.deps.platform;
    if (!p?.openWith || !p.reveal || !p.viewerApps)
      throw new DesktopOnlyError('Opening a result in a program');
    return { openWith: p.openWith, reveal: p.reveal, viewerApps: p.viewerApps };
  };
  /** The model to open: the named one (confined to the folder), else the first; undefined if none. */
  const target = async (jobId: string, model?: string): Promise<{ folder: string; file?: string }> => {
    const folder = ctx.jobOrThrow(jobId).result?.folder;
    if (!folder)
      throw new InvalidInputError('The model has not been downloaded yet.', undefined, {
        detail: 'notDownloaded',
        params: {},
      });
    if (model) return { folder, file: (await resolveResultFile(folder, model, NO_CAP)).file };
    const first = (await listResultModels(folder))[0];
    return first ? { folder, file: (await resolveResultFile(folder, first.path, NO_CAP)).file } : { folder };
  };

  return {
    listViewerApps: async () => platform().viewerApps(),
    openResultWith: async ({ jobId, model, app }) => {
      const p = platform();
      const { folder, file } = await target(jobId, model);
      // Without a model the system default still opens the folder; a viewer needs a file.
      if (!file && app !== 'default')
        throw new InvalidInputError('This result has no 3D model file to open.', undefined, {
          detail: 'noModel',
          params: {},
        });
      await p.openWith(file ?? folder, app);
      ctx.log.add('info', { code: 'openedWith', params: { file: file ?? folder, app } }, jobId);
      return ok;
    },
    revealResult: async ({ jobId, model }) => {
      const p = platform();
      const { folder, file } = await target(jobId, model);
      await p.reveal(file ?? folder);
      return ok;
    },
  };
}
