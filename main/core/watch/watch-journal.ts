/**
 * What a watch folder has already sent, so each complete set becomes exactly one job across restarts.
 * Written atomically before the job is created ("submitting") and again with its id ("submitted").
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

const entrySchema = z.object({
  hash: z.string(),
  state: z.enum(['baseline', 'submitting', 'submitted', 'done', 'failed', 'deleted']),
  jobId: z.string().optional(),
  at: z.number(),
  message: z.string().optional(),
});
export type WatchEntry = z.infer<typeof entrySchema>;

const fileSchema = z.object({
  version: z.literal(1),
  root: z.string(),
  createdAt: z.number(),
  sets: z.record(z.string(), entrySchema),
});
export type WatchJournalData = z.infer<typeof fileSchema>;

export function watchJournalPath(dataDir: string, root: string): string {
  const id = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return path.join(dataDir, 'watch', `${id}.json`);
}

export async function loadWatchJournal(file: string): Promise<WatchJournalData | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return fileSchema.parse(JSON.parse(text));
}

export async function saveWatchJournal(file: string, data: WatchJournalData): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(data), { fsync: true });
}
