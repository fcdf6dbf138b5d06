/** Compiles the command once per CLI test run, so the suite always tests the current sources. */
import { ensureBuiltCli } from './run-cli.js';

export default async function setup(): Promise<void> {
  await ensureBuiltCli({ rebuild: true });
}
