/**
 * A whole upload flow with a distinctive token, then every file the app wrote (journal, settings,
 * secrets, logs, diagnostics zip, downloaded result, stub-facing errors) is searched for it: the token
 * must appear in none of them in clear — nor URL-encoded, nor base64'd as-is.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloudStub, type CloudStub } from '../../../server-stub/cloud/index.js';
import { makePhotoSet } from '../photos/testing/make-set.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { createServiceFromRuntime } from './from-runtime.js';
import type { Service } from './service.js';

const TOKEN = 'LEAKCHECK-7d1f3e9a2b5c';
const FORMS = [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')];
let dir: string;
let stub: CloudStub;
let rt: Runtime;
let svc: Service;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-leak-'));
  stub = await startCloudStub({
    tokens: [{ token: TOKEN }],
    schedule: { startedAfterMs: 20, doneAfterMs: 60 },
  });
  rt = await openRuntime({ dataDir: path.join(dir, 'data'), poll: { firstMs: 20, maxMs: 50 } });
  rt.settings.update({ endpoint: stub.url, downloadDir: path.join(dir, 'downloads') });
  svc = createServiceFromRuntime(rt, { mode: 'web', version: '0.0.0-test' });
});
afterAll(async () => {
  svc.close();
  await rt.close();
  await stub.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function* files(root: string): AsyncGenerator<string> {
  for (const e of await fs.readdir(root, { withFileTypes: true })) {
    const p = path.join(root, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

function zipTexts(file: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zf) => {
      if (err || !zf) return reject(err);
      const out: Buffer[] = [];
      zf.on('entry', (entry: yauzl.Entry) => {
        zf.openReadStream(entry, (e, s) => {
          if (e || !s) return reject(e);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.push(Buffer.concat(chunks));
            zf.readEntry();
          });
        });
      });
      zf.on('end', () => resolve(out));
      zf.readEntry();
    });
  });
}

it('the token is in no file the app wrote, after a full upload, a refusal and diagnostics', async () => {
  await svc.setToken(`\n${TOKEN} `);
  // A refusal that might echo the token back: a second, wrong token is checked and refused.
  await expect(svc.setToken('wrong-wrong-wrong')).rejects.toBeTruthy();
  const photos = path.join(dir, 'My set');
  await makePhotoSet(photos, { count: 6, bytesEach: 50_000, seed: 3 });
  const review = await svc.scanPaths([photos]);
  const job = await svc.createJob({ paths: [photos], name: review.suggestedName, backend: 'cloud' });
  await rt.jobs.whenIdle();
  expect(rt.jobs.get(job.id)?.state).toBe('done');
  const diag = await svc.saveDiagnostics();

  const written: string[] = [];
  for (const root of [path.join(dir, 'data'), path.join(dir, 'downloads')])
    for await (const f of files(root)) written.push(f);
  expect(written.some((f) => f.includes(`${path.sep}jobs${path.sep}`))).toBe(true);
  expect(written).toContain(diag.path);
  expect(written.some((f) => f.includes('secrets'))).toBe(true);
  for (const f of written) {
    const bufs = f.endsWith('.zip') ? [await fs.readFile(f), ...(await zipTexts(f))] : [await fs.readFile(f)];
    for (const b of bufs) for (const form of FORMS) expect(b.includes(form), `${form} in ${f}`).toBe(false);
  }
  // And nothing the UI can read carries it.
  expect(JSON.stringify(await svc.getLog())).not.toContain(TOKEN);
  expect(JSON.stringify(await svc.getTokenStatus())).not.toContain(TOKEN);
  expect(JSON.stringify(await svc.listJobs())).not.toContain(TOKEN);
});
