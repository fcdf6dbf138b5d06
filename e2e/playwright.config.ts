import { defineConfig } from '@playwright/test';

// The web-mode UI in Debian's Chromium. Each test starts its own cloud stub and web bridge in-process
// (see fixtures.ts), so tests never share state; workers: 1 keeps the 2-core CI machine calm.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  outputDir: '../test-results/e2e',
  globalSetup: './global-setup.ts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1200, height: 860 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
