import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

// The screenshot walk for docs/screens/ (npm run screens): not a test, so CI's e2e run (*.spec.ts) never
// picks it up; everything else (browser, stub, build) as in the e2e config.
export default defineConfig({ ...base, testMatch: 'screens.capture.ts' });
