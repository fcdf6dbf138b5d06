/**
 * The jobs the quit dialog paused, remembered in the data folder so the next start resumes them
 * (the job manager leaves paused jobs alone at start: a job the person paused stays paused).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const FILE = 'paused-at-quit.json';
const Ids = z.array(z.string().min(1).max(200)).max(10_000);

export async function rememberPausedAtQuit(dataDir: string, ids: readonly string[]): Promise<void> {
  const file = path.join(dataDir, FILE);
  if (ids.length === 0) return;
  await fs.writeFile(`${file}.tmp`, JSON.stringify(ids));
  await fs.rename(`${file}.tmp`, file);
}

/** The remembered ids, once: the file is removed, so a later start does not resume them again. */
export async function takePausedAtQuit(dataDir: string): Promise<string[]> {
  const file = path.join(dataDir, FILE);
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch {
    return [];
  }
  await fs.rm(file, { force: true });
  try {
    const parsed = Ids.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Resumes the jobs the last quit paused that are still paused (the person may have removed one). */
export async function resumePausedAtQuit(
  dataDir: string,
  service: { listJobs(): Promise<{ id: string; state: string }[]>; resumeJob(id: string): Promise<unknown> },
): Promise<string[]> {
  const ids = new Set(await takePausedAtQuit(dataDir));
  if (ids.size === 0) return [];
  const due = (await service.listJobs())
    .filter((j) => ids.has(j.id) && j.state === 'paused')
    .map((j) => j.id);
  for (const id of due) await service.resumeJob(id);
  return due;
}
