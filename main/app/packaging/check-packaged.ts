/**
 * Checks what users download, right after electron-builder on a release runner (where the real
 * Electron is packaged): every unpacked app of the platform passes the layout and fuse checks (on
 * the real Electron binary), carries the bundled COLMAP when the manifest lists one, and points
 * electron-updater at GitHub Releases; the installers electron-builder.yml names exist for this
 * version; and the latest*.yml electron-updater reads names only files that exist, with a sha512.
 *
 *   npx tsx main/app/packaging/check-packaged.ts win|mac|linux [distDir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readManifest, type ColmapPlatform } from './fetch-colmap.js';
import { checkLayout, type AppLayout } from './linux-dir-check.js';

const root = path.resolve(import.meta.dirname, '../../..');

interface UnpackedApp extends AppLayout {
  dir: string;
  /** sharp's prebuilt binary package this app needs (thumbnails), for its OS and arch. */
  sharp: string;
}

/** The unpacked apps electron-builder leaves in dist/ for a platform (one per macOS arch). */
export function unpackedApps(platform: ColmapPlatform, dist: string): UnpackedApp[] {
  if (platform === 'linux')
    return [{ dir: path.join(dist, 'linux-unpacked'), sharp: '@img/sharp-linux-x64' }];
  if (platform === 'win')
    return [
      {
        dir: path.join(dist, 'win-unpacked'),
        fuseBinary: path.join(dist, 'win-unpacked', 'ScanBridge.exe'),
        sharp: '@img/sharp-win32-x64',
      },
    ];
  return ['mac', 'mac-arm64'].map((d) => {
    const app = path.join(dist, d, 'ScanBridge.app');
    return {
      dir: app,
      sharp: `@img/sharp-darwin-${d === 'mac' ? 'x64' : 'arm64'}`,
      resourcesDir: path.join(app, 'Contents', 'Resources'),
      // On macOS the fuse wire lives in the framework, not in the launcher.
      fuseBinary: path.join(
        app,
        'Contents',
        'Frameworks',
        'Electron Framework.framework',
        'Electron Framework',
      ),
    };
  });
}

/** File-name patterns of the installers electron-builder.yml asks for, and the update file(s). */
export function expectedArtifacts(
  platform: ColmapPlatform,
  version: string,
): { installers: RegExp[]; updateFiles: string[] } {
  const v = version.replace(/[.+]/g, (c) => `\\${c}`);
  const re = (tail: string) => new RegExp(`^ScanBridge-${v}-${tail}$`);
  if (platform === 'win')
    return { installers: [re('x64-setup\\.exe'), re('x64-portable\\.exe')], updateFiles: ['latest.yml'] };
  if (platform === 'mac')
    return {
      installers: [re('x64\\.dmg'), re('arm64\\.dmg'), re('x64-mac\\.zip'), re('arm64-mac\\.zip')],
      updateFiles: ['latest-mac.yml'],
    };
  return { installers: [re('x86_64\\.AppImage'), re('amd64\\.deb')], updateFiles: ['latest-linux.yml'] };
}

interface UpdateInfo {
  version?: string;
  files?: { url?: string; sha512?: string }[];
}

/** Problems with one latest*.yml: wrong version, or a listed file that is missing or has no sha512. */
export function checkUpdateInfo(text: string, version: string, present: Set<string>): string[] {
  const info = (parse(text) ?? {}) as UpdateInfo;
  const problems: string[] = [];
  if (info.version !== version) problems.push(`version is ${String(info.version)}, want ${version}`);
  if (!info.files?.length) problems.push('lists no files');
  for (const f of info.files ?? []) {
    if (!f.url || !present.has(f.url)) problems.push(`names ${String(f.url)}, which was not built`);
    if (!f.sha512) problems.push(`has no sha512 for ${String(f.url)}`);
  }
  return problems;
}

/** resources/app-update.yml must send electron-updater to a GitHub repository's releases. */
export function checkAppUpdateYml(text: string): string[] {
  const c = (parse(text) ?? {}) as { provider?: string; owner?: string; repo?: string };
  if (c.provider !== 'github') return [`provider is ${String(c.provider)}, want github`];
  return c.owner && c.repo ? [] : ['owner or repo is missing'];
}

async function main(): Promise<void> {
  const platform = process.argv[2] as ColmapPlatform;
  if (!['win', 'mac', 'linux'].includes(platform))
    throw new Error('usage: check-packaged.ts win|mac|linux [distDir]');
  const dist = path.resolve(process.argv[3] ?? path.join(root, 'dist'));
  const version = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const colmapListed = (await readManifest())[platform] !== undefined;
  const problems: string[] = [];

  for (const app of unpackedApps(platform, dist)) {
    const name = path.relative(dist, app.dir);
    if (!fs.existsSync(app.dir)) {
      problems.push(`${name}: missing`);
      continue;
    }
    const report = checkLayout(app.dir, app);
    problems.push(...report.problems.map((p) => `${name}: ${p}`));
    console.log(
      `${name}: app.asar ${(report.asarBytes / 1e6).toFixed(2)} MB, ${report.asarFiles} files; fuses ${JSON.stringify(report.fuses)}`,
    );
    const res = app.resourcesDir ?? path.join(app.dir, 'resources');
    const colmap = fs.existsSync(path.join(res, 'colmap')) ? fs.readdirSync(path.join(res, 'colmap')) : [];
    if (colmapListed && !colmap.some((f) => f !== 'README.md'))
      problems.push(
        `${name}: the manifest lists a COLMAP build for ${platform} but resources/colmap holds none`,
      );
    // npm installs sharp's binary for the build machine only: the other macOS arch needs its own.
    if (!fs.existsSync(path.join(res, 'app.asar.unpacked', 'node_modules', app.sharp, 'package.json')))
      problems.push(`${name}: ${app.sharp} is not in app.asar.unpacked (thumbnails would fail)`);
    const updateYml = path.join(res, 'app-update.yml');
    if (!fs.existsSync(updateYml))
      problems.push(`${name}: resources/app-update.yml is missing (no update feed)`);
    else
      problems.push(
        ...checkAppUpdateYml(fs.readFileSync(updateYml, 'utf8')).map((p) => `${name}: app-update.yml ${p}`),
      );
  }

  const files = new Set(fs.existsSync(dist) ? fs.readdirSync(dist) : []);
  const want = expectedArtifacts(platform, version);
  for (const re of want.installers) {
    const hit = [...files].find((f) => re.test(f));
    if (hit) console.log(`built ${hit} (${(fs.statSync(path.join(dist, hit)).size / 1e6).toFixed(1)} MB)`);
    else problems.push(`no installer matching ${re.source}`);
  }
  for (const yml of want.updateFiles) {
    if (!files.has(yml)) problems.push(`${yml} is missing: electron-updater would find no update`);
    else
      problems.push(
        ...checkUpdateInfo(fs.readFileSync(path.join(dist, yml), 'utf8'), version, files).map(
          (p) => `${yml} ${p}`,
        ),
      );
  }

  if (problems.length > 0) {
    console.error(`Packaged ${platform} build has problems:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else console.log(`packaged ${platform} build OK (version ${version})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
