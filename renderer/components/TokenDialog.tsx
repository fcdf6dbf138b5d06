import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/index.js';
import { ErrorText } from './ErrorText.js';
import { formatBytes } from '../format.js';
import { toUiError, useApp, type UiError } from '../store/app-store.js';
import { Dialog } from './ui/Dialog.js';
import { ServerAddress } from './ServerAddress.js';
import { Button } from './ui/Button.js';

/**
 * First run (and the header's Token button): paste a token → checked by the service before it is
 * saved → credit and limits shown. Or request one by mail, or take the public token knowingly. The
 * server address sits under "Advanced", opened by itself when the cloud cannot be reached.
 */
export function TokenDialog() {
  const { t, i18n } = useTranslation();
  const token = useApp((s) => s.token);
  const close = () => useApp.getState().openTokenDialog(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | undefined>();
  const [requested, setRequested] = useState(false);
  const [req, setReq] = useState({ mail: '', forename: '', lastname: '' });
  const [reqError, setReqError] = useState<UiError | undefined>();

  const run = async (fn: () => Promise<unknown>, onError: (e: UiError | undefined) => void) => {
    setBusy(true);
    onError(undefined);
    try {
      await fn();
    } catch (e) {
      onError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const s = await api.setToken(value);
      useApp.getState().setToken(s);
      setValue('');
    }, setError);
  };
  const request = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.requestToken(req);
      setRequested(true);
    }, setReqError);
  };

  return (
    <Dialog title={t('token.title')} closeLabel={t('token.close')} onClose={close} testId="token-dialog">
      <p>{t('token.intro')}</p>
      {token?.hasToken && (
        <div className="token-info" role="status" data-testid="token-info">
          <p>
            {t('token.current', {
              masked: token.masked,
              kind: t(`token.kind_${token.kind === 'public' ? 'public' : 'private'}`),
            })}
          </p>
          {token.info && (
            <p className="num">
              {t('token.credit', { credit: formatBytes(token.info.credit, i18n.language) })} ·{' '}
              {t('token.limits', {
                photos: token.info.limit_photos,
                size: formatBytes(token.info.limit_filesize, i18n.language),
              })}
            </p>
          )}
          {token.error && (
            <p className="warn">
              <ErrorText error={token.error} inline />
            </p>
          )}
        </div>
      )}
      <form onSubmit={save} className="row">
        <label htmlFor="token-input">{t('token.label')}</label>
        <input
          id="token-input"
          className="grow"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={t('token.placeholder')}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error' : undefined}
        />
        <Button type="submit" disabled={busy || value.trim() === ''}>
          {busy ? t('token.checking') : t('token.check')}
        </Button>
      </form>
      {error && (
        <div id="token-error" className="field-error" role="alert">
          <ErrorText error={error} inline />
        </div>
      )}

      <details>
        <summary>{t('token.requestTitle')}</summary>
        <p>{t('token.requestIntro')}</p>
        <form onSubmit={request} className="grid-form">
          <label htmlFor="req-mail">{t('token.mail')}</label>
          <input
            id="req-mail"
            type="email"
            required
            value={req.mail}
            onChange={(e) => setReq({ ...req, mail: e.target.value })}
          />
          <label htmlFor="req-forename">{t('token.forename')}</label>
          <input
            id="req-forename"
            required
            value={req.forename}
            onChange={(e) => setReq({ ...req, forename: e.target.value })}
          />
          <label htmlFor="req-lastname">{t('token.lastname')}</label>
          <input
            id="req-lastname"
            required
            value={req.lastname}
            onChange={(e) => setReq({ ...req, lastname: e.target.value })}
          />
          <Button type="submit" disabled={busy}>
            {t('token.request')}
          </Button>
        </form>
        {requested && <p role="status">{t('token.requested')}</p>}
        {reqError && (
          <p className="field-error" role="alert">
            <ErrorText error={reqError} inline />
          </p>
        )}
      </details>

      <details>
        <summary>{t('token.publicTitle')}</summary>
        <p className="warn">{t('token.publicWarning')}</p>
        <Button
          disabled={busy}
          onClick={() =>
            void run(async () => useApp.getState().setToken(await api.usePublicToken()), setError)
          }
        >
          {t('token.usePublic')}
        </Button>
      </details>

      <ServerAddress />

      {/* Closing is the dialog's own × (and Escape): one control, one name. */}
      <div className="dialog-actions">
        {token?.hasToken && (
          <Button
            variant="danger"
            onClick={() => void run(async () => useApp.getState().setToken(await api.clearToken()), setError)}
          >
            {t('token.remove')}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
