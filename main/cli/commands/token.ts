/** `scanbridge token info|set|request|clear`. The token is shown masked, never in full. */
import { InvalidInputError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { bytes } from '../format.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { promptHidden, readAllStdin } from '../prompt.js';

export async function tokenInfoCommand(o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const { masked, info } = await service.tokenInfo();
    print(
      o,
      { token: masked, ...info },
      () =>
        `token ${masked}\ncredit: ${bytes(info.credit)}\nlimit per set: ${bytes(info.limit_filesize)}, ${info.limit_photos} photos`,
    );
    return EXIT.OK;
  });
}

/**
 * The token from the argument, from stdin with "-" (or when stdin is not a terminal), or typed at a
 * prompt with echo off: the last two keep it out of shell history and off the screen.
 */
export async function tokenSetCommand(value: string | undefined, o: GlobalOptions): Promise<number> {
  const raw =
    value !== undefined && value !== '-'
      ? value
      : value === undefined && process.stdin.isTTY
        ? await promptHidden('OpenScan token (input hidden): ')
        : await readAllStdin();
  if (!raw.trim()) throw new InvalidInputError('No token was given.', 'Paste the token from your mail.');
  // The saved token is checked with the cloud first; an env/flag token must not stand in for it.
  return withService({ ...o, token: undefined }, { lock: false }, async ({ service, runtime }) => {
    const s = await service.setToken(raw);
    const d = runtime.secrets.describe();
    print(
      o,
      { token: s.masked, saved: true, encrypted: d.encrypted, ...s.info },
      () => `Saved token ${s.masked} (credit ${bytes(s.info?.credit)}).${d.note ? ` ${d.note}` : ''}`,
    );
    return EXIT.OK;
  });
}

export async function tokenClearCommand(o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    await service.clearToken();
    print(o, { cleared: true }, () => 'The saved token is removed.');
    return EXIT.OK;
  });
}

export async function tokenRequestCommand(
  mail: string,
  forename: string,
  lastname: string,
  o: GlobalOptions,
): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    await service.requestToken({ mail, forename, lastname });
    print(
      o,
      { requested: true, mail },
      () => `Requested. The token comes by mail to ${mail}; then run: scanbridge token set`,
    );
    return EXIT.OK;
  });
}
