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

// Paths that moved (issue 15): an import of the old place fails lint everywhere, with where it went.
const movedPaths = [
  { regex: '(^|/)preload/contract(/|$)', message: 'The contract lives in main/contract/ (import index.js).' },
  {
    regex: '(^|/)photos/limits(\\.js)?$',
    message: 'The token-limit check lives in main/core/cloud/limits.ts.',
  },
  { regex: '(^|/)photos/format(\\.js)?$', message: 'formatBytes lives in main/core/format-bytes.ts.' },
  {
    regex: '(^|/)photos/summary(\\.js)?$',
    message: 'The set (PhotoSet, SetPhoto, PhotoSource, toPhotoSet) lives in main/core/photos/set.ts.',
  },
  {
    regex: '(^|/)bridge/static-files(\\.js)?$',
    message: 'The static-file gate both doors use lives in main/renderer-files/static-files.ts.',
  },
];
const noElectron = (message) => ({ name: 'electron', message });
/** Every no-restricted-imports setting carries the moved paths (a later block replaces the rule whole). */
const restrictImports = ({ paths = [], patterns = [] } = {}) => [
  'error',
  { paths, patterns: [...movedPaths, ...patterns] },
];
const plainNode = noElectron(
  'main/core, cli, bridge and the stub are plain Node: Electron lives in main/app only.',
);
// main/core sits below the doors (app, bridge, cli, web.ts) and knows nothing of preload or renderer.
const coreBelowDoors = {
  regex: '^(\\.\\./)+(app|bridge|cli|preload|renderer|renderer-files)/|^(\\.\\./)+web\\.js$',
  message:
    'main/core is below the doors: it never imports main/app, main/bridge, main/cli, preload or renderer.',
};

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
  // Moved paths, for every file no block below restricts further (e2e, bench, scripts).
  { rules: { 'no-restricted-imports': restrictImports() } },
  // main/core is plain Node: it must never reach for Electron (DESIGN.md: the shape), nor reach up.
  {
    files: ['main/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ paths: [plainNode], patterns: [coreBelowDoors] }) },
  },
  // The cloud client is a leaf over net/, errors, redact and the contract: the set (photos/, pack/),
  // the jobs and the other backends sit above it (the limit check moved here from photos/).
  {
    files: ['main/core/cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: [plainNode],
        patterns: [
          coreBelowDoors,
          {
            regex: '^\\.\\./(photos|pack|upload|jobs|nodeodm|local|service|settings|watch|check|archive)/',
            message: 'The cloud client is a leaf: net/, errors, redact, format-bytes and the contract only.',
          },
        ],
      }),
    },
  },
  // A test may hold core against what is above it (e.g. every error code has a message in each catalogue).
  {
    files: ['main/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrictImports({ paths: [plainNode] }) },
  },
  // The two doors (Electron IPC, the web bridge) share main/core and main/renderer-files, never each other.
  {
    files: ['main/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ paths: [plainNode] }) },
  },
  {
    files: ['main/bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: [plainNode],
        patterns: [
          { regex: '^\\.\\./app/', message: 'The web bridge never imports the Electron app (main/app).' },
        ],
      }),
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        patterns: [
          {
            regex: '^\\.\\./bridge/',
            message: 'The Electron app never imports the web bridge (main/bridge).',
          },
        ],
      }),
    },
  },
  // The stub stands for a foreign server: it shares no code with the client it tests.
  {
    files: ['server-stub/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: [plainNode],
        patterns: [
          { regex: '(^|/)main/', message: 'server-stub imports nothing from main/ (give it its own copy).' },
        ],
      }),
    },
  },
  // The renderer knows only the ScanBridge API: no Node, no Electron.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrictImports({
        paths: [
          noElectron('The renderer talks to window.scanbridge only.'),
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node.' })),
        ],
        patterns: [
          {
            regex: '(^|/)main/(?!contract/index\\.js$)',
            message: 'The renderer may import the contract (main/contract/index.js) only.',
          },
        ],
      }),
    },
  },
  // One small component set (renderer/components/ui): screens use Button, ProgressBar and Table, never
  // the raw elements, so every screen looks and behaves the same (type="button" by default, named bars).
  {
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/components/ui/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['button', 'progress', 'table'].map((el) => ({
          selector: `JSXOpeningElement[name.name='${el}']`,
          message: `Use the ui component (renderer/components/ui) instead of a raw <${el}>.`,
        })),
      ],
    },
  },
  // The contract is the one definition of what crosses a process boundary: it imports zod and itself only,
  // so every side (renderer, preload, app, bridge, core, CLI) can depend on it.
  {
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: [
          noElectron('The contract is pure: zod only.'),
          ...nodeBuiltins.map((name) => ({ name, message: 'The contract is pure: zod only.' })),
        ],
        patterns: [{ group: ['../*', '!./*'], message: 'The contract imports only zod and its own files.' }],
      }),
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
