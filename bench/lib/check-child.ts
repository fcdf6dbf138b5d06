/**
 * One pre-flight check in its own process, so the benchmark measures it from outside with GNU time
 * (CPU of every child, largest RSS) like `colmap automatic_reconstructor`.
 * argv: threads file… Prints the report as JSON on stdout.
 */
import { runCheck } from '../../main/core/check/index.js';

const [threads, ...files] = process.argv.slice(2);
if (!threads || files.length === 0) throw new Error('usage: check-child.ts THREADS FILE…');
const report = await runCheck({ files, threads: Number(threads) });
process.stdout.write(JSON.stringify(report));
