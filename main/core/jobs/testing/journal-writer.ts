/**
 * Test helper, run as a child process (journal.test.ts kills it with SIGKILL at some point): journals
 * one job, then confirms parts one by one through the progress log, with a full save of the record
 * every `saveEvery` parts (what the manager does on a state change), printing `confirmed N` only once
 * part N is on disk, as the upload announces it. Runs until killed.
 */
import { createJournal, type JournalRecord } from '../journal.js';

const [dataDir, saveEveryArg] = process.argv.slice(2);
const saveEvery = Number(saveEveryArg ?? 5);
const journal = createJournal(dataDir as string);
const handle = { project: 'p', confirmed: {} as Record<string, string>, crcs: {} as Record<string, number> };
const record = {
  version: 1,
  job: { id: 'killed', state: 'uploading', createdAt: new Date(0).toISOString() },
  request: { paths: ['/photos'] },
  handle,
} as unknown as JournalRecord;

await journal.save(record);
for (let part = 0; ; part++) {
  const hash = part.toString(16).padStart(64, '0');
  handle.confirmed[String(part)] = hash;
  handle.crcs[String(part)] = part;
  await journal.saveHandlePatch(record, {
    confirmed: { [String(part)]: hash },
    crcs: { [String(part)]: part },
  });
  process.stdout.write(`confirmed ${part}\n`);
  if (part % saveEvery === saveEvery - 1) await journal.save(record);
}
