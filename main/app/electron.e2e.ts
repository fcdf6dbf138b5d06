/// <reference lib="dom" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { API_METHOD_NAMES } from '../contract/index.js';
import { makePhotoSet } from '../core/photos/testing/make-set.js';
import { startCloudStub, type CloudStub } from '../../server-stub/cloud/index.js';

/**
 * The packaged-shape app (out/ built by `npm run build`) in a real Electron: every security rule
 * that only shows at run time, the token kept through safeStorage, and a demo upload to the cloud
 * stub with the window's taskbar/dock progress. Opt-in (SCANBRIDGE_ELECTRON_E2E=1) because the
 * Electron binary is not downloadable everywhere; .github/workflows/ci.yml runs it on Linux, Windows
 * and macOS. See playwright.electron.config.ts for how to run it.
 */
const enabled = process.env.SCANBRIDGE_ELECTRON_E2E === '1';
/** Set where the OS always has a keyring (Windows DPAPI, macOS Keychain): the token must be encrypted. */
const requireKeyring = process.env.SCANBRIDGE_E2E_REQUIRE_KEYRING === '1';
const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'electron-e2e-token-7d41c2';

let app: ElectronApplication;
let page: Page;
let dataDir: string;
let stub: CloudStub;

/** Calls window.scanbridge.<method>(...args) in the renderer, as the UI does. */
async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) =>
      (window as unknown as { scanbridge: Record<string, (...x: unknown[]) => Promise<unknown>> }).scanbridge[
        m
      ]!(...a),
    [method, args] as const,
  ) as Promise<T>;
}

test.describe('Electron shell', () => {
  test.skip(!enabled, 'Set SCANBRIDGE_ELECTRON_E2E=1 (needs the Electron binary and `npm run build`).');

  test.beforeAll(async () => {
    const require = createRequire(import.meta.url);
    let executablePath: string;
    try {
      executablePath = require('electron') as string;
    } catch (e) {
      throw new Error(
        `The Electron binary is missing (${(e as Error).message}). Install it with \`node node_modules/electron/install.js\`.`,
      );
    }
    if (!fs.existsSync(path.join(root, 'out/main/index.js'))) throw new Error('Run `npm run build` first.');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-electron-e2e-'));
    stub = await startCloudStub({
      tokens: [{ token: TOKEN }],
      publicToken: 'public',
      schedule: { startedAfterMs: 300, doneAfterMs: 1500 },
      dlinkStyle: 'wrapped',
    });
    const extra = (process.env.SCANBRIDGE_ELECTRON_ARGS ?? '').split(' ').filter(Boolean);
    app = await electron.launch({
      executablePath,
      args: [...extra, root],
      env: { ...process.env, SCANBRIDGE_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    await stub?.close();
    // Windows may hold a file of the just-closed app for a moment.
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  test('loads the renderer from app://scanbridge', async () => {
    expect(new URL(page.url()).protocol).toBe('app:');
    expect(new URL(page.url()).host).toBe('scanbridge');
  });

  test('the window runs isolated and sandboxed, without Node', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) =>
      (
        BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences(): Record<string, unknown>;
        }
      ).getLastWebPreferences(),
    );
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  test('window.scanbridge exposes exactly the contract, `on` and pathForFile', async () => {
    const keys = await page.evaluate(() =>
      Object.keys((window as unknown as { scanbridge: object }).scanbridge).sort(),
    );
    expect(keys).toEqual([...API_METHOD_NAMES, 'on', 'pathForFile'].sort());
    const kinds = await page.evaluate(() =>
      Object.values((window as unknown as { scanbridge: object }).scanbridge).map((v) => typeof v),
    );
    expect(new Set(kinds)).toEqual(new Set(['function']));
    const info = await page.evaluate(() =>
      (
        window as unknown as { scanbridge: { getAppInfo(): Promise<{ mode: string }> } }
      ).scanbridge.getAppInfo(),
    );
    expect(info.mode).toBe('electron');
  });

  test('bad arguments are refused by main with a typed error', async () => {
    const err = await page.evaluate(async () => {
      try {
        await (
          window as unknown as { scanbridge: { pauseJob(id: unknown): Promise<unknown> } }
        ).scanbridge.pauseJob(42);
        return 'no error';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(err).toBe('INVALID_INPUT');
  });

  test('the CSP blocks an injected inline script and reports the violation', async () => {
    const result = await page.evaluate(
      () =>
        new Promise<{ violated: string; ran: boolean }>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (e) =>
              resolve({
                violated: e.violatedDirective,
                ran: Boolean((window as { __pwned?: boolean }).__pwned),
              }),
            { once: true },
          );
          const s = document.createElement('script');
          s.textContent = 'window.__pwned = true';
          document.body.appendChild(s);
          setTimeout(
            () => resolve({ violated: '', ran: Boolean((window as { __pwned?: boolean }).__pwned) }),
            2000,
          );
        }),
    );
    expect(result.ran).toBe(false);
    expect(result.violated).toMatch(/^script-src/);
  });

  test('new windows are denied and navigation away is blocked', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).protocol).toBe('app:');
  });

  test('permission requests are denied', async () => {
    const state = await page.evaluate(async () => {
      try {
        await navigator.mediaDevices.getUserMedia({ video: true });
        return 'granted';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(state).not.toBe('granted');
  });

  test('the token is checked, then stored through safeStorage: encrypted at rest, masked for the UI', async () => {
    const downloads = path.join(dataDir, 'downloads');
    await call('updateSettings', { endpoint: stub.url, downloadDir: downloads });
    const status = await call<{ hasToken: boolean; kind: string; masked?: string }>('setToken', TOKEN);
    expect(status).toMatchObject({ hasToken: true, kind: 'private' });
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    expect(JSON.stringify(await call('getTokenStatus'))).not.toContain(TOKEN);

    const backend = await app.evaluate(({ safeStorage }) =>
      process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform,
    );
    test.info().annotations.push({ type: 'safeStorage backend', description: backend });
    const strong = backend !== 'basic_text' && backend !== 'unknown';
    if (requireKeyring) expect(strong, `safeStorage backend ${backend}`).toBe(true);
    const file = path.join(dataDir, 'secrets.json');
    const raw = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}';
    expect(raw).not.toContain(TOKEN);
    const stored = (JSON.parse(raw) as { openscan?: string }).openscan;
    if (strong) {
      // What is on disk is safeStorage's ciphertext of exactly the token.
      expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const plain = await app.evaluate(
        ({ safeStorage }, b64) => safeStorage.decryptString(Buffer.from(b64, 'base64')),
        stored!,
      );
      expect(plain).toBe(TOKEN);
    } else {
      // Linux without a keyring: "basic_text" is no encryption, so the token stays in memory only.
      expect(stored).toBeUndefined();
    }
  });

  test('a demo upload reaches the stub, with progress on the window and the taskbar/dock', async () => {
    const setDir = path.join(dataDir, 'Demo set');
    await makePhotoSet(setDir, { count: 12, bytesEach: 300_000, seed: 17 });
    // A slow link and small parts, so the upload is in progress long enough to be seen.
    await call('updateSettings', { bandwidthCapMBps: 1, partSize: 1_048_576, concurrency: 2 });
    // Record what main shows on the taskbar (Windows), the dock (macOS) or the launcher (Linux).
    await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0]!;
      const seen: number[] = [];
      (globalThis as { __sbProgress?: number[] }).__sbProgress = seen;
      const original = win.setProgressBar.bind(win);
      win.setProgressBar = (...args: Parameters<typeof original>) => {
        seen.push(args[0]);
        original(...args);
      };
    });
    // And the keep-awake blocker (desktop-manners): held while the job works here, released at the end.
    await app.evaluate(({ powerSaveBlocker }) => {
      const log: { started: number[]; stopped: number[] } = { started: [], stopped: [] };
      (globalThis as { __sbBlockers?: typeof log }).__sbBlockers = log;
      const start = powerSaveBlocker.start.bind(powerSaveBlocker);
      const stop = powerSaveBlocker.stop.bind(powerSaveBlocker);
      powerSaveBlocker.start = (type) => {
        const id = start(type);
        log.started.push(id);
        return id;
      };
      powerSaveBlocker.stop = (id) => {
        log.stopped.push(id);
        return stop(id);
      };
    });
    const job = await call<{ id: string; projectName: string }>('createJob', {
      paths: [setDir],
      backend: 'cloud',
    });
    const stateOf = async () =>
      (await call<{ id: string; state: string }[]>('listJobs')).find((j) => j.id === job.id)?.state;
    await expect.poll(stateOf, { timeout: 90_000, intervals: [250] }).toMatch(/^(done|failed|cancelled)$/);
    expect(await stateOf()).toBe('done');

    const project = stub.state.projects.get(job.projectName);
    expect(project, `the stub knows ${job.projectName}`).toBeDefined();
    expect(project!.received.size).toBe(project!.parts);
    expect(project!.startCount).toBe(1);

    const seen = await app.evaluate(() => (globalThis as { __sbProgress?: number[] }).__sbProgress ?? []);
    expect(
      seen.some((p) => p > 0 && p < 1),
      `progress values ${seen.join(', ')}`,
    ).toBe(true);
    expect(seen.at(-1), 'the bar is removed once nothing runs').toBe(-1);

    const blockers = await app.evaluate(({ powerSaveBlocker }) => {
      const log = (globalThis as { __sbBlockers?: { started: number[]; stopped: number[] } }).__sbBlockers;
      return { ...log!, held: log!.started.filter((id) => powerSaveBlocker.isStarted(id)) };
    });
    expect(blockers.started.length, 'the system was kept awake during the upload').toBeGreaterThan(0);
    expect(blockers.held, 'every blocker is released once nothing runs').toEqual([]);
    expect([...blockers.stopped].sort()).toEqual([...blockers.started].sort());
  });
});
