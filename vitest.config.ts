import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./vitest.setup.ts', './vitest.home.ts'],
    include: [
      'main/**/*.test.ts',
      'preload/**/*.test.ts',
      'server-stub/**/*.test.ts',
      'renderer/**/*.test.ts',
      'bench/**/*.test.ts',
      '*.test.ts',
    ],
    // The CLI suite runs the built command: vitest.cli.config.ts (`npm run test:cli`).
    exclude: ['**/node_modules/**', 'main/cli/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
