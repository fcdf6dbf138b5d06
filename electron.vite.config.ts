/**
 * electron-vite: main (ESM) → out/main, preload (CJS, self-contained for the sandbox) →
 * out/preload/index.cjs, renderer → out/renderer reusing renderer/vite.config.ts (the same build
 * web mode serves). Works without the Electron binary: electron-vite reads only electron's
 * package.json (for the Node/Chrome targets) during a build.
 */
import fs from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig as ElectronViteConfig } from 'electron-vite';
import { loadConfigFromFile, type UserConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig(async ({ command, mode }): Promise<ElectronViteConfig> => {
  const rendererConfigFile = resolve(root, 'renderer/vite.config.ts');
  let renderer: UserConfig = {};
  if (fs.existsSync(rendererConfigFile)) {
    const loaded = await loadConfigFromFile({ command, mode }, rendererConfigFile, resolve(root, 'renderer'));
    renderer = loaded?.config ?? {};
  }
  return {
    main: {
      build: {
        outDir: resolve(root, 'out/main'),
        // Dependencies stay in node_modules (packaged by electron-builder); our code is bundled.
        externalizeDeps: true,
        sourcemap: false,
        rollupOptions: { input: { index: resolve(root, 'main/app/index.ts') } },
      },
    },
    preload: {
      build: {
        outDir: resolve(root, 'out/preload'),
        // A sandboxed preload can require only 'electron' (and a few built-ins): bundle the rest.
        externalizeDeps: false,
        sourcemap: false,
        rollupOptions: {
          input: { index: resolve(root, 'preload/index.ts') },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: {
      ...renderer,
      root: resolve(root, 'renderer'),
      // Relative asset URLs: served from app://scanbridge/ in Electron and from / in web mode.
      base: './',
      build: {
        ...renderer.build,
        outDir: resolve(root, 'out/renderer'),
        emptyOutDir: true,
        sourcemap: false,
        // electron-vite leaves the renderer unminified by default: 1.35 MB loaded at start instead of
        // 0.63 MB (the same build is what web mode serves).
        minify: true,
        rollupOptions: { ...renderer.build?.rollupOptions, input: resolve(root, 'renderer/index.html') },
      },
    },
  };
});
