/** The raw limit: plain Node streaming a ready zip file to the sink in 200 MB parts, one after another. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { selfStats } from './proc-stats.js';

async function post(url: string, path: string, start: number, end: number, agent: http.Agent): Promise<void> {
  const req = http.request(url, {
    method: 'POST',
    agent,
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - start) },
  });
  const res = new Promise<void>((resolve, reject) => {
    req.on('response', (r) => {
      r.resume();
      r.on('end', () => (r.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${r.statusCode}`))));
    });
    req.on('error', reject);
  });
  await pipeline(createReadStream(path, { start, end: end - 1 }), req);
  await res;
}

async function main(): Promise<void> {
  const { zip, sinkBase } = JSON.parse(process.argv[2] ?? '{}') as { zip: string; sinkBase: string };
  const size = (await stat(zip)).size;
  const agent = new http.Agent({ keepAlive: true });
  const t0 = performance.now();
  let i = 0;
  for (let s = 0; s < size; s += 200_000_000)
    await post(`${sinkBase}/raw${++i}`, zip, s, Math.min(size, s + 200_000_000), agent);
  const t1 = performance.now();
  agent.destroy();
  process.stdout.write(
    JSON.stringify({ startupMs: Math.round(t0), uploadMs: Math.round(t1 - t0), parts: i, ...selfStats() }) +
      '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
