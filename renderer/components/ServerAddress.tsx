/**
 * The cloud's address, inside the token dialog: folded under "Advanced" while the cloud answers, open
 * by itself when it cannot be reached (a person on another server sees at once where to change it).
 * Checked with the contract's own rule for the setting (http(s), no user name or password) before it
 * is sent; main checks it again.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsSchema } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { toUiError, useApp, type UiError } from '../store/app-store.js';
import { ErrorText } from './ErrorText.js';
import { Button } from './ui/Button.js';

export function ServerAddress() {
  const { t } = useTranslation();
  const endpoint = useApp((s) => s.settings?.endpoint ?? '');
  const unreachable = useApp((s) => s.cloud?.online === false);
  const [open, setOpen] = useState(unreachable);
  const [value, setValue] = useState(endpoint);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<UiError | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const parsed = SettingsSchema.shape.endpoint.safeParse(value);
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    setBusy(true);
    try {
      useApp.getState().setSettings(await api.updateSettings({ endpoint: parsed.data }));
      setValue(parsed.data);
      setSaved(true);
      await useApp.getState().refreshCloud();
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details
      open={open || unreachable}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="server-address"
    >
      <summary>{t('server.advanced')}</summary>
      {unreachable && (
        <p className="warn" role="status">
          {t('server.unreachable', { address: endpoint })}
        </p>
      )}
      <form onSubmit={(e) => void save(e)} className="row" noValidate>
        <label htmlFor={`${id}-input`}>{t('server.label')}</label>
        <input
          id={`${id}-input`}
          className="grow"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setInvalid(false);
            setSaved(false);
          }}
          aria-invalid={invalid || error ? true : undefined}
          aria-describedby={`${id}-help${invalid ? ` ${id}-invalid` : ''}`}
        />
        <Button type="submit" disabled={busy || value.trim() === '' || value.trim() === endpoint}>
          {t('server.save')}
        </Button>
      </form>
      <p id={`${id}-help`} className="muted small">
        {t('server.help')}
      </p>
      {invalid && (
        <p id={`${id}-invalid`} className="field-error" role="alert">
          {t('server.invalid')}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          <ErrorText error={error} inline />
        </p>
      )}
      {saved && <p role="status">{t('server.saved')}</p>}
    </details>
  );
}
