import { describe, expect, it } from 'vitest';
import { BLENDER_IMPORT, findViewers, launchFor, pathCandidates, type FindDeps } from './find-viewers.js';

/** A file system of known files; folders are what those paths imply. */
function fakeFs(platform: NodeJS.Platform, env: FindDeps['env'], files: string[]): FindDeps {
  const sep = platform === 'win32' ? '\\' : '/';
  const set = new Set(files);
  return {
    platform,
    env,
    isFile: async (p) => set.has(p),
    listDir: async (d) => {
      const prefix = d.endsWith(sep) ? d : d + sep;
      const names = files
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length).split(sep)[0]!);
      return [...new Set(names)];
    },
  };
}

describe('finding MeshLab and Blender', () => {
  it('Linux: PATH first, then snap and flatpak; nothing found is an empty list', async () => {
    const env = { PATH: '/usr/local/bin:relative/bin:/usr/bin', HOME: '/home/ana' };
    expect(pathCandidates('blender', 'linux', env)).toEqual(['/usr/local/bin/blender', '/usr/bin/blender']);
    expect(await findViewers(fakeFs('linux', env, []))).toEqual([]);
    const found = await findViewers(
      fakeFs('linux', env, [
        '/usr/bin/blender',
        '/snap/bin/blender',
        '/home/ana/.local/share/flatpak/exports/bin/net.meshlab.MeshLab',
      ]),
    );
    expect(found).toEqual([
      {
        id: 'meshlab',
        name: 'MeshLab',
        executable: '/home/ana/.local/share/flatpak/exports/bin/net.meshlab.MeshLab',
      },
      { id: 'blender', name: 'Blender', executable: '/usr/bin/blender' },
    ]);
  });

  it('Windows: the newest versioned Blender folder and MeshLab under Program Files, before PATH', async () => {
    const env = { ProgramFiles: 'C:\\Program Files', Path: 'C:\\tools;C:\\Windows' };
    const found = await findViewers(
      fakeFs('win32', env, [
        'C:\\Program Files\\Blender Foundation\\Blender 3.6\\blender.exe',
        'C:\\Program Files\\Blender Foundation\\Blender 4.10\\blender.exe',
        'C:\\Program Files\\Blender Foundation\\Blender 4.2\\blender.exe',
        'C:\\Program Files\\MeshLab2023.12\\meshlab.exe',
        'C:\\tools\\blender.exe',
      ]),
    );
    expect(found.map((f) => f.executable)).toEqual([
      'C:\\Program Files\\MeshLab2023.12\\meshlab.exe',
      'C:\\Program Files\\Blender Foundation\\Blender 4.10\\blender.exe',
    ]);
  });

  it('macOS: app bundles in /Applications and ~/Applications', async () => {
    const env = { HOME: '/Users/ana', PATH: '/usr/bin' };
    const found = await findViewers(
      fakeFs('darwin', env, [
        '/Applications/MeshLab2023.12.app/Contents/MacOS/MeshLab',
        '/Users/ana/Applications/Blender.app/Contents/MacOS/Blender',
      ]),
    );
    expect(found.map((f) => f.executable)).toEqual([
      '/Applications/MeshLab2023.12.app/Contents/MacOS/MeshLab',
      '/Users/ana/Applications/Blender.app/Contents/MacOS/Blender',
    ]);
  });
});

describe('launching', () => {
  it('passes the file as one argument; Blender imports it by a fixed expression that reads it after --', () => {
    const file = '/tmp/it\'s a "model"; rm -rf ~.ply';
    expect(launchFor({ id: 'meshlab', name: 'MeshLab', executable: '/usr/bin/meshlab' }, file)).toEqual({
      command: '/usr/bin/meshlab',
      args: [file],
    });
    const b = launchFor({ id: 'blender', name: 'Blender', executable: '/usr/bin/blender' }, file);
    expect(b.args).toEqual(['--python-expr', BLENDER_IMPORT, '--', file]);
    // The file's name never becomes code.
    expect(BLENDER_IMPORT).not.toContain('model');
    expect(BLENDER_IMPORT).toContain("sys.argv[sys.argv.index('--') + 1]");
  });
});
