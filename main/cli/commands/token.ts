/** `scanbridge token info|set|request`. The token is shown masked, never in full. */
import { maskToken } from '../../core/redact.js';
import { normalizeToken } from '../../core/settings/index.js';
import { formatBytes } from '../../core/format-bytes.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime, type GlobalOptions } from '../context.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function tokenInfoCommand(o: GlobalOptions): Promise<number> {
  return withRuntime(o, { lock: false }, async (rt) => {
    const token = await rt.getToken();
    const info = await rt.cloud().getTokenInfo(token);
    if (o.json) process.stdout.write(`${JSON.stringify({ token: maskToken(token), ...info })}\n`);
    else {
      process.stdout.write(
        `token ${maskToken(token)}\ncredit: ${formatBytes(info.credit)}\nlimit per set: ${formatBytes(info.limit_filesize)}, ${info.limit_photos} photos\n`,
      );
    }
    return EXIT.OK;
  });
}

/** Reads the token from the argument, or from stdin with "-" (keeps it out of shell history). */
export async function tokenSetCommand(value: string | undefined, o: GlobalOptions): Promise<number> {
  const raw = value === undefined || value === '-' ? await readStdin() : value;
  const token = normalizeToken(raw);
  return withRuntime({ ...o, token }, { lock: false }, async (rt) => {
    const info = await rt.cloud().getTokenInfo(token); // checked before it is saved
    await rt.secrets.set(token);
    const d = rt.secrets.describe();
    if (o.json)
      process.stdout.write(
        `${JSON.stringify({ token: maskToken(token), saved: true, encrypted: d.encrypted, ...info })}\n`,
      );
    else
      process.stdout.write(
        `Saved token ${maskToken(token)} (credit ${formatBytes(info.credit)}).${d.note ? ` ${d.note}` : ''}\n`,
      );
    return EXIT.OK;
  });
}

export async function tokenRequestCommand(
  mail: string,
  forename: string,
  lastname: string,
  o: GlobalOptions,
): Promise<number> {
  return withRuntime(o, { lock: false }, async (rt) => {
    await rt.cloud().requestToken(mail, forename, lastname);
    if (o.json) process.stdout.write(`${JSON.stringify({ requested: true, mail })}\n`);
    else
      process.stdout.write(
        `Requested. The token comes by mail to ${mail}; then run: scanbridge token set -\n`,
      );
    return EXIT.OK;
  });
}
