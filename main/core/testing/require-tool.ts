import { spawnSync } from 'node:child_process';

/**
 * Tests that need an external tool (colmap, unzip, chromium) call this. Under CI (or with
 * SCANBRIDGE_REQUIRE_TOOLS=1) a missing tool is a failure, never a skip. Locally it returns
 * false so the caller can `it.skipIf(!has)` with a visible reason.
 */
export function hasTool(command: string, args: string[] = ['--help']): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  const found = r.error === undefined;
  if (!found && mustHaveTools()) {
    throw new Error(`Required tool "${command}" is not installed (CI installs it in .ci/run).`);
  }
  return found;
}

export function mustHaveTools(): boolean {
  return process.env.CI === 'true' || process.env.SCANBRIDGE_REQUIRE_TOOLS === '1';
}
