/**
 * The desktop side of "Open with…" and "Reveal": the system default through shell.openPath, a found
 * viewer (MeshLab, Blender: main/core/apps) started with an argument list and no shell, the file
 * manager through shell.showItemInFolder. Electron and the process spawner come in as parameters
 * (index.ts passes the real ones; the test records calls and starts real child processes).
 */
import path from 'node:path';
import type { ViewerApp, ViewerAppId } from '../contract/index.js';
import { findViewers, launchFor, type FindDeps, type FoundViewer } from '../core/apps/find-viewers.js';
import { ToolError } from '../core/errors.js';
import type { PlatformPort } from '../core/service/ports.js';

export interface OpenerShell {
  /** Resolves to '' on success, else an error text (Electron's convention). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

export interface SpawnedLike {
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
  unref(): void;
}

export type SpawnLike = (
  command: string,
  args: string[],
  options: { detached: true; stdio: 'ignore'; shell: false; windowsHide: false },
) => SpawnedLike;

export interface OpenerDeps {
  shell: OpenerShell;
  spawn: SpawnLike;
  find: FindDeps;
  /** Label of the system default entry, in the UI's language (the renderer translates it by id anyway). */
  defaultName?: string;
}

export type ResultOpener = Required<Pick<PlatformPort, 'viewerApps' | 'openWith' | 'reveal'>>;

/** How long a found program list is trusted (someone may install MeshLab while the app runs). */
const FIND_TTL_MS = 60_000;

export function createResultOpener(deps: OpenerDeps, now: () => number = Date.now): ResultOpener {
  let cached: { at: number; viewers: Promise<FoundViewer[]> } | undefined;
  const viewers = () => {
    if (!cached || now() - cached.at > FIND_TTL_MS) cached = { at: now(), viewers: findViewers(deps.find) };
    return cached.viewers;
  };

  const start = (command: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = deps.spawn(command, args, {
        detached: true,
        stdio: 'ignore',
        shell: false,
        windowsHide: false,
      });
      child.once('error', (err) =>
        reject(
          new ToolError(
            `Could not start ${command}: ${err.message}`,
            'Check that the program still works.',
            err,
            { detail: 'appStart', params: { app: path.basename(command) } },
          ),
        ),
      );
      child.once('spawn', () => {
        // The viewer lives on after ScanBridge quits: not our child to wait for.
        child.unref();
        resolve();
      });
    });

  return {
    viewerApps: async (): Promise<ViewerApp[]> => [
      { id: 'default', name: deps.defaultName ?? 'System default' },
      ...(await viewers()).map((v) => ({ id: v.id, name: v.name })),
    ],
    openWith: async (file: string, app: ViewerAppId) => {
      if (app === 'default') {
        const err = await deps.shell.openPath(file);
        if (err)
          throw new ToolError(
            `Could not open "${file}": ${err}`,
            'Is a program for this file type installed?',
            undefined,
            { detail: 'openFile', params: { file } },
          );
        return;
      }
      const viewer = (await viewers()).find((v) => v.id === app);
      if (!viewer) {
        cached = undefined;
        throw new ToolError(
          `${app} was not found on this computer.`,
          'Install it, or choose another program.',
          undefined,
          { detail: 'appMissing', params: { app } },
        );
      }
      const { command, args } = launchFor(viewer, file);
      await start(command, args);
    },
    reveal: async (file: string) => {
      deps.shell.showItemInFolder(file);
    },
  };
}
