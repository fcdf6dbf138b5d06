/**
 * The journal's stored form: the photo list once, per-part progress as appended lines folded in at the
 * next save, and every crash point (a torn line, a crash between a save's rename and the log's removal,
 * a real kill -9 of a writing process) loading to a state that holds everything announced.
 */
import { spawn } from 'node:child_process';
import { appendFile, copyFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packEntriesFromPhotos } from '../pack/entries.js';
import { planZip } from '../pack/plan.js';
import type { PhotoSet } from '../photos/set.js';
import { createJournal, type JournalRecord } from './journal.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function photoSet(n: number): PhotoSet {
  const photos = Array.from({ length: n }, (_, i) => ({
    source: { kind: 'file' as const, path: `/photos/set-${i}/IMG_${String(i).padStart(4, '0')}.jpg` },
    displayPath: `set/IMG_${i}.jpg`,
    relPath: `IMG_${String(i).padStart(4, '0')}.jpg`,
    size: 1000 + i,
    mtimeMs: 1_700_000_000_000 + i,
  }));
  return { photoCount: n, totalBytes: photos.reduce((a, p) => a + p.size, 0), photos };
}

function cloudRecord(id: string, n = 20): JournalRecord {
  const set = photoSet(n);
  const plan = planZip(packEntriesFromPhotos(set.photos), { partSize: 1_048_576 });
  return {
    version: 1,
    job: { id, state: 'uploading', createdAt: new Date(0).toISOString() },
    request: { paths: ['/photos'] },
    set,
    handle: { project: 'p', plan, links: ['http://x/1'], confirmed: {}, crcs: {} },
  } as unknown as JournalRecord;
}

const file = (id: string) => path.join(dir, 'jobs', `${id}.json`);
const logOf = (id: string) => path.join(dir, 'jobs', `${id}.log`);
const loadOne = async (id: string) => {
  const { records, problems } = await createJournal(dir).load();
  expect(problems).toEqual([]);
  return records.find((r) => r.job.id === id)!;
};
const confirmedOf = (r: JournalRecord) => (r.handle as { confirmed: Record<string, string> }).confirmed;

describe('journal: the photo list once', () => {
  it('stores each photo path once and loads the record exactly as saved', async () => {
    const rec = cloudRecord('a');
    const before = structuredClone(rec);
    await createJournal(dir).save(rec);
    const text = await readFile(file('a'), 'utf8');
    for (const p of rec.set!.photos)
      expect(text.split((p.source as { path: string }).path).length - 1).toBe(1);
    const loaded = await loadOne('a');
    expect(loaded.handle).toEqual(before.handle);
    expect(loaded.set).toEqual(before.set);
  });

  it('loads a record of the previous form (every plan entry whole, no log) and rewrites it in the new form', async () => {
    const rec = cloudRecord('old');
    const before = structuredClone(rec);
    await createJournal(dir).save(structuredClone(rec)); // creates the folder
    await writeFile(file('old'), JSON.stringify(rec));
    const oldSize = (await stat(file('old'))).size;
    const loaded = await loadOne('old');
    expect(loaded.handle).toEqual(before.handle);
    await createJournal(dir).save(loaded);
    expect((await stat(file('old'))).size).toBeLessThan(oldSize);
    expect((await loadOne('old')).handle).toEqual(before.handle);
  });

  it('keeps an entry whole when it differs from its photo (e.g. the file changed since the plan)', async () => {
    const rec = cloudRecord('diff');
    rec.set!.photos[3]!.size += 1;
    const before = structuredClone(rec);
    await createJournal(dir).save(rec);
    expect((await loadOne('diff')).handle).toEqual(before.handle);
  });
});

describe('journal: per-part progress', () => {
  it('appends a small line per part, applied on load and folded into the record at the next save', async () => {
    const j = createJournal(dir);
    const rec = cloudRecord('p', 120);
    await j.save(rec);
    const recordBytes = (await stat(file('p'))).size;
    const h = rec.handle as { confirmed: Record<string, string>; crcs: Record<string, number> };
    for (let i = 0; i < 10; i++) {
      h.confirmed[String(i)] = 'a'.repeat(64);
      await j.saveHandlePatch(rec, { confirmed: { [String(i)]: 'a'.repeat(64) }, crcs: { [String(i)]: i } });
    }
    // Ten parts cost ten short lines, not ten records.
    const logBytes = (await stat(logOf('p'))).size;
    expect(logBytes).toBeLessThan(10 * 200);
    expect(recordBytes).toBeGreaterThan(10 * 200);
    expect((await stat(file('p'))).size).toBe(recordBytes);
    const loaded = await loadOne('p');
    expect(Object.keys(confirmedOf(loaded))).toHaveLength(10);
    expect((loaded.handle as { crcs: Record<string, number> }).crcs['9']).toBe(9);

    await j.save(rec);
    await expect(stat(logOf('p'))).rejects.toThrow();
    expect(Object.keys(confirmedOf(await loadOne('p')))).toHaveLength(10);
  });

  it('skips a line torn by a kill mid-append, and keeps the lines before it', async () => {
    const j = createJournal(dir);
    const rec = cloudRecord('t');
    await j.save(rec);
    await j.saveHandlePatch(rec, { confirmed: { '0': 'h0' } });
    await j.saveHandlePatch(rec, { confirmed: { '1': 'h1' } });
    await appendFile(logOf('t'), '{"s":1,"p":{"confirmed":{"2":"h');
    expect(confirmedOf(await loadOne('t'))).toEqual({ '0': 'h0', '1': 'h1' });
  });

  it("a crash between a save and its log's removal: old lines are never applied to the newer record", async () => {
    const j = createJournal(dir);
    const rec = cloudRecord('r');
    await j.save(rec);
    await j.saveHandlePatch(rec, { confirmed: { '0': 'h0' } });
    await copyFile(logOf('r'), `${logOf('r')}.kept`);
    // The cloud dropped the parts: the handle is reset and saved; then the old log reappears, as if
    // the process had died after the record's rename and before the log was removed.
    (rec.handle as { confirmed: object }).confirmed = {};
    await j.save(rec);
    await copyFile(`${logOf('r')}.kept`, logOf('r'));
    expect(confirmedOf(await loadOne('r'))).toEqual({});
    // New lines after that save do apply.
    await j.saveHandlePatch(rec, { confirmed: { '5': 'h5' } });
    expect(confirmedOf(await loadOne('r'))).toEqual({ '5': 'h5' });
  });

  it('removing a job removes its log too', async () => {
    const j = createJournal(dir);
    const rec = cloudRecord('gone');
    await j.save(rec);
    await j.saveHandlePatch(rec, { confirmed: { '0': 'h0' } });
    await j.remove('gone');
    expect(await readdir(path.join(dir, 'jobs'))).toEqual([]);
  });

  it('kill -9 of a process writing the journal: every part it announced is there on load', async () => {
    // In this process (tsx as a loader, not its CLI, which would run the script in a grandchild).
    const writer = path.resolve('main/core/jobs/testing/journal-writer.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, '7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // Killed as soon as it has announced 30 parts: wherever it is then (appending, saving, renaming).
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if ((out.match(/^confirmed \d+$/gm) ?? []).length >= 30) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`writer exited ${code}: ${err}`)));
    });
    await new Promise((r) => child.once('close', r));
    const announced = (out.match(/^confirmed (\d+)$/gm) ?? []).map((l) => l.split(' ')[1]!);
    const loaded = await loadOne('killed');
    const confirmed = Object.keys(confirmedOf(loaded));
    for (const part of announced) expect(confirmed).toContain(part);
    // And nothing that was never journaled: parts 0…k in order, at most one beyond the announced.
    expect(confirmed.length - announced.length).toBeLessThanOrEqual(1);
    expect(confirmed.map(Number).sort((a, b) => a - b)).toEqual(confirmed.map((_, i) => i));
  });
});
