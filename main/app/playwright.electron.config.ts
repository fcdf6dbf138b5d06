import { defineConfig } from '@playwright/test';

/**
 * The real Electron shell, driven through Playwright's _electron. Runs only where an Electron
 * binary exists and only when asked:
 *   npm run build && SCANBRIDGE_ELECTRON_E2E=1 npx playwright test -c main/app/playwright.electron.config.ts
 * (Linux CI: wrap in `xvfb-run -a`; as root add SCANBRIDGE_ELECTRON_ARGS=--no-sandbox.)
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'electron.e2e.ts',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  outputDir: '../../test-results/electron-e2e',
});
