/**
 * "Save diagnostics": one zip a user can attach to a bug report — the log, versions, settings, jobs
 * and the last API replies. Every file's text goes through `redact` (tokens, signed URLs) before it
 * is written, so nothing secret can end up in it even if a caller logged one by mistake.
 */
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { diskError } from '../disk-error.js';

export interface DiagnosticsInput {
  dir: string;
  files: Record<string, string>;
  redact: (text: string) => string;
  now?: Date;
}

export async function writeDiagnosticsZip(input: DiagnosticsInput): Promise<{ path: string; bytes: number }> {
  const stamp = (input.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const file = path.join(input.dir, `scanbridge-diagnostics-${stamp}.zip`);
  try {
    await fs.mkdir(input.dir, { recursive: true });
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(input.files)) {
      zip.addBuffer(Buffer.from(input.redact(text), 'utf8'), name, { mtime: input.now ?? new Date() });
    }
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(file, { mode: 0o600 }));
    const st = await fs.stat(file);
    return { path: file, bytes: st.size };
  } catch (e) {
    throw diskError(
      e,
      { folder: input.dir },
      `Could not write the diagnostics file in "${input.dir}": ${(e as Error).message}`,
    );
  }
}
