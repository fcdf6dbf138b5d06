#!/usr/bin/env node
// The `scanbridge` command. Runs the TypeScript sources through tsx's loader, so the CLI works from a
// checkout (npm link, npx) without a separate build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
