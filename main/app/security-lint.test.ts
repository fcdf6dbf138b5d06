import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A grep over every source file in main/ and preload/: no code may weaken Electron's isolation,
 * whatever the window or webContents. Complements the ESLint rules (which a disable comment can
 * silence) and the window-options test (which covers one builder, not every call site).
 */
const root = path.resolve(import.meta.dirname, '../..');
const SELF = path.resolve(import.meta.filename);

const FORBIDDEN: [RegExp, string][] = [
  [/nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/, 'nodeIntegration on'],
  [/contextIsolation\s*:\s*false/, 'contextIsolation off'],
  [/sandbox\s*:\s*false/, 'sandbox off'],
  [/webSecurity\s*:\s*false/, 'webSecurity off'],
  [/allowRunningInsecureContent\s*:\s*true/, 'insecure content allowed'],
  [/experimentalFeatures\s*:\s*true/, 'experimental features on'],
  [/enableBlinkFeatures\s*[:=]/, 'blink features enabled'],
  [/webviewTag\s*:\s*true/, '<webview> enabled'],
  [
    /disable-web-security|--no-sandbox|ignore-certificate-errors/,
    'a Chromium switch that turns a protection off',
  ],
  [/setCertificateVerifyProc|on\(\s*['"]certificate-error/, 'certificate checks bypassed'],
  [/exposeInMainWorld\([^)]*ipcRenderer\s*\)/, 'ipcRenderer exposed to the renderer'],
];

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (
    fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && path.resolve(f) !== SELF)
      // The rule is about code that ships; tests and launch configs may name a switch to test or document it.
      .filter((f) => !/\.(test|e2e)\.ts$|playwright\.[a-z]+\.config\.ts$/.test(f))
  );
}

function findings(text: string): string[] {
  return FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
}

const files = [...sources(path.join(root, 'main')), ...sources(path.join(root, 'preload'))];

describe('no source weakens Electron security', () => {
  it('scans a real set of files', () => {
    expect(files.some((f) => f.endsWith(path.join('main', 'app', 'window-options.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(path.join('preload', 'index.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
  });

  it('the patterns catch each bad setting (so this test can fail)', () => {
    expect(findings('webPreferences: { nodeIntegration: true }')).toEqual(['nodeIntegration on']);
    expect(findings('{ nodeIntegrationInSubFrames:true }')).toEqual(['nodeIntegration on']);
    expect(findings('contextIsolation : false')).toEqual(['contextIsolation off']);
    expect(findings('sandbox: false')).toEqual(['sandbox off']);
    expect(findings('webSecurity: false')).toEqual(['webSecurity off']);
    expect(findings("app.commandLine.appendSwitch('disable-web-security')")).toHaveLength(1);
    expect(findings("contextBridge.exposeInMainWorld('x', ipcRenderer)")).toHaveLength(1);
    expect(findings("enableBlinkFeatures: 'X'")).toEqual(['blink features enabled']);
    expect(findings('contextIsolation: true, sandbox: true')).toEqual([]);
  });

  it('finds none in main/ and preload/', () => {
    const bad = files.flatMap((f) =>
      findings(fs.readFileSync(f, 'utf8')).map((w) => `${path.relative(root, f)}: ${w}`),
    );
    expect(bad).toEqual([]);
  });

  it('every BrowserWindow is built from buildWindowOptions', () => {
    const offenders = files.filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      const creates = /new BrowserWindow\(/.test(text);
      return creates && !/new BrowserWindow\(\s*buildWindowOptions\(/.test(text);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('shell.openExternal is called only behind the allowlist (security.ts)', () => {
    const callers = files.filter((f) => /shell\.openExternal\(/.test(fs.readFileSync(f, 'utf8')));
    expect(callers.map((f) => path.relative(root, f))).toEqual([path.join('main', 'app', 'security.ts')]);
  });

  it('ipcMain is imported only by main/app/ipc.ts', () => {
    const importers = files.filter((f) =>
      /import\s*\{[^}]*\bipcMain\b[^}]*\}\s*from\s*['"]electron['"]/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(importers.map((f) => path.relative(root, f))).toEqual([path.join('main', 'app', 'ipc.ts')]);
  });
});
