// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const electronSafety = [
  {
    selector: "Property[key.name='nodeIntegration'][value.value=true]",
    message: 'nodeIntegration stays off.',
  },
  {
    selector: "Property[key.name='nodeIntegrationInWorker'][value.value=true]",
    message: 'nodeIntegration stays off.',
  },
  {
    selector: "Property[key.name='nodeIntegrationInSubFrames'][value.value=true]",
    message: 'nodeIntegration stays off.',
  },
  {
    selector: "Property[key.name='contextIsolation'][value.value=false]",
    message: 'contextIsolation stays on.',
  },
  { selector: "Property[key.name='sandbox'][value.value=false]", message: 'sandbox stays on.' },
  { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity stays on.' },
  {
    selector: "Property[key.name='allowRunningInsecureContent'][value.value=true]",
    message: 'No insecure content.',
  },
  {
    selector: "Property[key.name='experimentalFeatures'][value.value=true]",
    message: 'No experimental features.',
  },
  { selector: "Property[key.name='enableBlinkFeatures']", message: 'No blink features.' },
  {
    selector: "Property[key.name='shell'][value.value=true]",
    message: 'Child processes never run through a shell.',
  },
];
const rawIpc = [
  {
    selector: "ImportSpecifier[imported.name='ipcMain']",
    message: 'Use the typed handlers in main/app/ipc.ts.',
  },
  {
    selector: "ImportSpecifier[imported.name='ipcRenderer']",
    message: 'Only preload/index.ts touches ipcRenderer.',
  },
];

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      '.reports/**',
      'bench/.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  // main/core is plain Node: it must never reach for Electron (DESIGN.md: the shape).
  {
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts', 'main/bridge/**/*.ts', 'server-stub/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'main/core, cli, bridge and the stub are plain Node: Electron lives in main/app only.',
            },
          ],
        },
      ],
    },
  },
  // The renderer knows only the ScanBridge API: no Node, no Electron.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to window.scanbridge only.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node.' })),
          ],
          patterns: [
            {
              regex: '(^|/)main/(?!contract/index\\.js$)',
              message: 'The renderer may import the contract (main/contract/index.js) only.',
            },
          ],
        },
      ],
    },
  },
  // The contract is the one definition of what crosses a process boundary: it imports zod and itself only,
  // so every side (renderer, preload, app, bridge, core, CLI) can depend on it.
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The contract is pure: zod only.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The contract is pure: zod only.' })),
          ],
          patterns: [
            { group: ['../*', '!./*'], message: 'The contract imports only zod and its own files.' },
          ],
        },
      ],
    },
  },
  // Electron windows never weaken isolation (Electron security checklist), and raw
  // ipcMain/ipcRenderer appear only inside the typed wrappers (GitHub Desktop's rule).
  {
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...electronSafety] },
  },
  {
    files: ['main/app/**/*.ts', 'preload/**/*.ts'],
    ignores: ['main/app/ipc.ts', 'preload/index.ts', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...electronSafety, ...rawIpc] },
  },
);
