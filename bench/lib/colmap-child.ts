/**
 * One run of our pipeline in its own process, so the benchmark can measure it from outside with
 * GNU time exactly like `colmap automatic_reconstructor` (CPU of every COLMAP child, largest RSS).
 * argv: images-dir workspace threads. Prints the summary as JSON on stdout.
 */
import { reconstruct } from '../../main/core/local/pipeline.js';

const [images, workspace, threads] = process.argv.slice(2);
if (!images || !workspace) throw new Error('usage: colmap-child.ts IMAGES WORKSPACE [THREADS]');
const summary = await reconstruct({
  images,
  workspace,
  threads: threads ? Number(threads) : undefined,
  niceness: 0,
});
process.stdout.write(JSON.stringify(summary));
