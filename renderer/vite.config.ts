/* eslint-disable no-restricted-imports -- this build config runs in Node, not in the page. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { withCspMeta } from '../main/core/csp.js';

const root = fileURLToPath(new URL('.', import.meta.url));

// The renderer for web mode (`npm run build:web`, out/renderer). electron-vite builds the same
// sources for the Electron window. One chunk, no inline scripts: the CSP forbids them.
export default defineConfig({
  root,
  base: '/',
  plugins: [
    react(),
    // The page's <meta> CSP is written from the one policy main/core/csp.ts (headers use it too).
    {
      name: 'scanbridge-csp',
      transformIndexHtml: (html, ctx) => withCspMeta(html, { dev: Boolean(ctx.server) }),
    },
  ],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
