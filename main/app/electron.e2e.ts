/// <reference lib="dom" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { API_METHOD_NAMES } from '../contract/index.js';

/**
 * The packaged-shape app (out/ built by `npm run build`) in a real Electron: every security rule
 * that only shows at run time. Opt-in (SCANBRIDGE_ELECTRON_E2E=1) because the Electron binary is
 * not downloadable everywhere; see playwright.electron.config.ts for how to run it.
 */
const enabled = process.env.SCANBRIDGE_ELECTRON_E2E === '1';
const root = path.resolve(import.meta.dirname, '../..');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

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
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
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
});
