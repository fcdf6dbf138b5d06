#!/usr/bin/env node
// Boots the BUILT main process (out/main/index.js) against a stand-in `electron` module and checks
// what it set up: every contract channel guarded, the app:// scheme serving out/renderer with the
// CSP, traversal refused, the window built with the pinned options. Catches a shell that would
// crash at start on machines where no Electron binary can run it.
//   npm run build && node main/app/smoke/boot.mjs
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const entry = path.join(root, 'out/main/index.js');
if (!fs.existsSync(entry)) {
  console.error('out/main/index.js is missing: run `npm run build` first.');
  process.exit(1);
}
register(new URL('./hooks.mjs', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-boot-'));
process.env.SCANBRIDGE_DATA_DIR = dataDir;
const problems = [];
const check = (ok, what) => {
  if (!ok) problems.push(what);
};
try {
  await import(entry);
  const rec = globalThis.__scanbridgeFakeElectron;
  for (let i = 0; i < 50 && rec.loaded.length === 0 && rec.errors.length === 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  check(rec.errors.length === 0, `start-up errors: ${rec.errors.join('; ')}`);
  check(
    rec.schemes.some((s) => s.scheme === 'app' && s.privileges.standard && s.privileges.secure),
    'app:// not registered as standard+secure',
  );
  check(rec.loaded[0] === 'app://scanbridge/index.html', `window loaded ${rec.loaded[0]}`);
  const wp = rec.windows[0]?.webPreferences ?? {};
  check(
    wp.contextIsolation === true && wp.sandbox === true && wp.nodeIntegration === false,
    'window isolation',
  );
  check(fs.existsSync(wp.preload ?? ''), `preload not found at ${wp.preload}`);
  check(rec.removed.includes('electron-store-get-data'), "electron-store's unguarded listener not removed");
  const own = { sender: { id: 1 }, senderFrame: { url: 'app://scanbridge/index.html', parent: null } };
  const info = await rec.channels.get('sb:getAppInfo')?.(own, []);
  check(info?.ok === true && info.value.mode === 'electron', `getAppInfo: ${JSON.stringify(info)}`);
  const stranger = await rec.channels.get('sb:getSettings')?.({ ...own, sender: { id: 2 } }, []);
  check(stranger?.error?.code === 'UNAUTHORIZED', 'a foreign sender was not refused');
  const index = await rec.appHandler(new Request('app://scanbridge/index.html'));
  check(
    index.status === 200 && /script-src 'self'/.test(index.headers.get('content-security-policy') ?? ''),
    'app:// index.html without CSP',
  );
  const escape = await rec.appHandler(new Request('app://scanbridge/%2e%2e/package.json'));
  check(escape.status === 404, 'app:// served a file outside out/renderer');
  check(
    rec.permissionRequest &&
      (await new Promise((r) =>
        rec.permissionRequest(null, 'media', r, { requestingUrl: 'app://scanbridge/' }),
      )) === false,
    'camera permission not denied',
  );
  // Quitting with no job working asks nothing and quits (the "quit while uploading?" guard).
  const { app } = await import('./fake-electron.mjs');
  let prevented = false;
  app.emit('before-quit', { preventDefault: () => (prevented = true) });
  for (let i = 0; i < 50 && rec.quits === 0; i++) await new Promise((r) => setTimeout(r, 20));
  check(prevented && rec.quits === 1, `before-quit: prevented ${prevented}, quits ${rec.quits}`);
  console.log(`boot: ${rec.channels.size} IPC channels, window ${rec.loaded[0]}`);
} catch (e) {
  problems.push(`crashed: ${e?.stack ?? e}`);
}
fs.rmSync(dataDir, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`boot smoke FAILED:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('boot smoke OK');
process.exit(0);
