/** The process entry of the built command (out/cli/scanbridge.mjs): run, then exit with the code. */
import { main } from './main.js';

main(process.argv).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
