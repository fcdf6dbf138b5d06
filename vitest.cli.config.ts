/**
 * The CLI suite: the BUILT `scanbridge` command as a child process against the server-stubs over real
 * HTTP, piped and on a pseudo-terminal. Its own config because it needs the build (global setup
 * compiles main/cli afresh, ~1 s) and because .ci/run counts it as its own suite.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/cli/**/*.test.ts'],
    globalSetup: ['./main/cli/testing/global-setup.ts'],
    setupFiles: ['./vitest.home.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
