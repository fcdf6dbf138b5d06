import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathsFromArgv } from './argv-paths.js';

const root = path.resolve('/repo');
describe('pathsFromArgv', () => {
  it('packaged: every non-switch argument is a path, relative ones resolved', () => {
    expect(
      pathsFromArgv(['/opt/ScanBridge/scanbridge', '--no-sandbox-nope', 'scans/owl', '/data/set.zip'], {
        cwd: '/home/u',
        appPath: '/opt/ScanBridge/resources/app.asar',
        isPackaged: true,
      }),
    ).toEqual([path.resolve('/home/u/scans/owl'), path.resolve('/data/set.zip')]);
  });
  it('development (electron . / Playwright): skips the app folder, entry script and switches', () => {
    const argv = [
      '/x/electron',
      '--inspect=0',
      '--remote-debugging-port=0',
      '.',
      'out/main/index.js',
      '/data/photos',
    ];
    expect(pathsFromArgv(argv, { cwd: root, appPath: root, isPackaged: false })).toEqual([
      path.resolve('/data/photos'),
    ]);
  });
  it('nothing to open', () => {
    expect(pathsFromArgv(['/x/electron'], { cwd: root, appPath: root, isPackaged: true })).toEqual([]);
  });
});
