/**
 * Bandwidth-cap probe for the upload bench: ~3 MB in 1 MB parts, 3 in flight, at a 0.8 MB/s cap, to
 * an in-process sink sampled every 5 ms. Reports the most bytes seen in any 1 s window (the cap plus
 * at most one burst is the bound) and the first-byte time (the cap must not delay the start).
 */
import { CrcStore } from '../../main/core/pack/crc-store.js';
import { planZip } from '../../main/core/pack/plan.js';
import { makeFiles, tempDir } from '../../main/core/pack/testing/fixtures.js';
import { startSink } from '../../main/core/upload/testing/sink.js';
import { burstBytes } from '../../main/core/upload/throttle.js';
import { uploadParts } from '../../main/core/upload/upload-parts.js';

export interface CapProbeResult {
  capBytesPerSec: number;
  burstBytes: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  maxBytesInAny1s: number;
  /** maxBytesInAny1s / cap: 1.0 is exact, ≤ 1 + burst/cap is within the allowance. */
  worst1sOverCap: number;
}

export async function capProbe(rate = 800_000): Promise<CapProbeResult> {
  const t = await tempDir('sb-cap-');
  const sink = await startSink({});
  try {
    const entries = await makeFiles(
      t.dir,
      [0, 1, 2].map((i) => ({ name: `IMG_${i}.jpg`, size: 1_000_000 + i })),
    );
    const plan = planZip(entries, { partSize: 1024 * 1024 });
    const samples: { t: number; b: number }[] = [];
    const t0 = performance.now();
    const timer = setInterval(() => samples.push({ t: performance.now() - t0, b: sink.bytesReceived() }), 5);
    try {
      await uploadParts({
        plan,
        urls: plan.parts.map((p) => sink.url(`p${p.index + 1}`)),
        crcs: new CrcStore(),
        concurrency: 3,
        maxRateBytesPerSec: rate,
        onPartDone: async () => undefined,
      });
    } finally {
      clearInterval(timer);
    }
    samples.push({ t: performance.now() - t0, b: sink.bytesReceived() });
    let worst = 0;
    for (let i = 0, j = 0; j < samples.length; j++) {
      while ((samples[j] as { t: number }).t - (samples[i] as { t: number }).t > 1000) i++;
      worst = Math.max(worst, (samples[j] as { b: number }).b - (samples[i] as { b: number }).b);
    }
    const first = samples.find((s) => s.b > 0);
    const last = samples.at(-1) as { t: number; b: number };
    return {
      capBytesPerSec: rate,
      burstBytes: burstBytes(rate),
      bytes: last.b,
      firstByteMs: Math.round(first?.t ?? -1),
      totalMs: Math.round(last.t),
      maxBytesInAny1s: worst,
      worst1sOverCap: Math.round((worst / rate) * 1000) / 1000,
    };
  } finally {
    await sink.close();
    await t.cleanup();
  }
}
