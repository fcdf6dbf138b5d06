/**
 * No test touches the real home folder: each test file gets an empty temporary HOME (and
 * USERPROFILE), so a default such as ~/Downloads/ScanBridge or ~/.config/ScanBridge that a test
 * forgot to override lands there, is removed afterwards, and never mixes with a person's files.
 * A test that wanted the real home folder would have to say so. Child processes started by tests
 * (the built CLI, the stubs) inherit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const home = mkdtempSync(path.join(os.tmpdir(), 'sb-test-home-'));
process.env.HOME = home;
process.env.USERPROFILE = home;
afterAll(() => rmSync(home, { recursive: true, force: true }));
