/** `scanbridge token info|set|request|clear`. The token is shown masked, never in full. */
import { InvalidInputError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { cliText, languageFor } from '../cli-language.js';
import { print, withService, type GlobalOptions } from '../context.js';
import { promptHidden, readAllStdin } from '../prompt.js';

export async function tokenInfoCommand(o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    const { masked, info } = await service.tokenInfo();
    const { t } = await cliText(languageFor(o));
    print(o, { token: masked, ...info }, () =>
      t('cli.token.info', {
        masked,
        credit: info.credit,
        size: info.limit_filesize,
        photos: info.limit_photos,
      }),
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
        ? await promptHidden((await cliText(languageFor(o))).t('cli.token.prompt'))
        : await readAllStdin();
  if (!raw.trim())
    throw new InvalidInputError('No token was given.', 'Paste the token from your mail.', {
      detail: 'tokenEmpty',
      params: {},
    });
  // The saved token is checked with the cloud first; an env/flag token must not stand in for it.
  return withService({ ...o, token: undefined }, { lock: false }, async ({ service, runtime }) => {
    const s = await service.setToken(raw);
    const d = runtime.secrets.describe();
    const { t } = await cliText(languageFor(o));
    const credit = s.info?.credit;
    print(o, { token: s.masked, saved: true, encrypted: d.encrypted, ...s.info }, () => {
      const saved =
        typeof credit === 'number' && Number.isFinite(credit)
          ? t('cli.token.saved', { masked: s.masked, credit })
          : t('cli.token.savedNoInfo', { masked: s.masked });
      // How the token is kept, said from the store's facts (its `note` is the core's English).
      const note =
        d.backend === 'file' && !d.encrypted
          ? t('cliCmd.token.fileNote')
          : d.persistent === false
            ? t('cliCmd.token.sessionNote')
            : undefined;
      return note ? `${saved} ${note}` : saved;
    });
    return EXIT.OK;
  });
}

export async function tokenClearCommand(o: GlobalOptions): Promise<number> {
  return withService(o, { lock: false }, async ({ service }) => {
    await service.clearToken();
    const { t } = await cliText(languageFor(o));
    print(o, { cleared: true }, () => t('cli.token.cleared'));
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
    const { t } = await cliText(languageFor(o));
    print(o, { requested: true, mail }, () => t('cli.token.requested', { mail }));
    return EXIT.OK;
  });
}
