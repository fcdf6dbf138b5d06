/** The real file system and environment for find-viewers.ts (kept apart so that module stays pure). */
import fs from 'node:fs/promises';
import type { FindDeps } from './find-viewers.js';

export function systemFindDeps(): FindDeps {
  return {
    platform: process.platform,
    env: process.env,
    isFile: async (p) => {
      try {
        const st = await fs.stat(p);
        return st.isFile();
      } catch {
        return false;
      }
    },
    listDir: async (p) => fs.readdir(p).catch(() => []),
  };
}
