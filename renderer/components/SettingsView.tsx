import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { useApp } from '../store/app-store.js';
import { ProfilesEditor } from './ProfilesEditor.js';
import { Button } from './ui/Button.js';

export function SettingsView() {
  const settings = useApp((s) => s.settings);
  // Keyed so the form starts again from what main says after a save or an outside change.
  return settings ? <SettingsForm key={JSON.stringify(settings)} initial={settings} /> : null;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const [s, setS] = useState(initial);
  const [partMB, setPartMB] = useState(
    initial.partSize === 'auto' ? '' : String(initial.partSize / 1_000_000),
  );
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const { setError, setNotice, setSettings } = useApp.getState();
    try {
      const partSize = partMB.trim() === '' ? 'auto' : Math.round(Number(partMB) * 1_000_000);
      const next = await api.updateSettings({ ...s, partSize });
      setSettings(next);
      setNotice(t('settings.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <form className="grid-form" onSubmit={(e) => void save(e)}>
        <label htmlFor="set-endpoint">{t('settings.endpoint')}</label>
        <input
          id="set-endpoint"
          value={s.endpoint}
          onChange={(e) => setS({ ...s, endpoint: e.target.value })}
        />
        <label htmlFor="set-concurrency">{t('settings.concurrency')}</label>
        <input
          id="set-concurrency"
          type="number"
          min={1}
          max={16}
          value={s.concurrency}
          onChange={(e) => setS({ ...s, concurrency: Number(e.target.value) })}
        />
        <label htmlFor="set-part">{t('settings.partSize')}</label>
        <input
          id="set-part"
          type="number"
          min={1}
          max={200}
          value={partMB}
          onChange={(e) => setPartMB(e.target.value)}
        />
        <label htmlFor="set-bandwidth">{t('settings.bandwidth')}</label>
        <input
          id="set-bandwidth"
          type="number"
          min={0}
          step="0.1"
          value={s.bandwidthCapMBps}
          onChange={(e) => setS({ ...s, bandwidthCapMBps: Number(e.target.value) })}
        />
        <label htmlFor="set-download">{t('settings.downloadDir')}</label>
        <input
          id="set-download"
          value={s.downloadDir}
          onChange={(e) => setS({ ...s, downloadDir: e.target.value })}
        />
        <label htmlFor="set-download-cap">{t('downloadCap.label')}</label>
        <input
          id="set-download-cap"
          type="number"
          min={0.001}
          step="any"
          value={s.downloadCapGB}
          onChange={(e) => setS({ ...s, downloadCapGB: Number(e.target.value) })}
        />
        <label htmlFor="set-auto">{t('settings.autoDownload')}</label>
        <input
          id="set-auto"
          type="checkbox"
          checked={s.autoDownload}
          onChange={(e) => setS({ ...s, autoDownload: e.target.checked })}
        />
        <label htmlFor="set-colmap">{t('settings.colmap')}</label>
        <input
          id="set-colmap"
          value={s.colmapPath}
          onChange={(e) => setS({ ...s, colmapPath: e.target.value })}
        />
        <label htmlFor="set-lang">{t('settings.language')}</label>
        <select
          id="set-lang"
          value={s.locale}
          onChange={(e) => setS({ ...s, locale: e.target.value as Settings['locale'] })}
        >
          <option value="system">{t('settings.lang_system')}</option>
          <option value="en">{t('settings.lang_en')}</option>
          <option value="de">{t('settings.lang_de')}</option>
        </select>
        <label htmlFor="set-theme">{t('settings.theme')}</label>
        <select
          id="set-theme"
          value={s.theme}
          onChange={(e) => setS({ ...s, theme: e.target.value as Settings['theme'] })}
        >
          <option value="system">{t('settings.theme_system')}</option>
          <option value="light">{t('settings.theme_light')}</option>
          <option value="dark">{t('settings.theme_dark')}</option>
        </select>
        <div className="span-all">
          <ProfilesEditor profiles={s.profiles} onChange={(profiles) => setS({ ...s, profiles })} />
        </div>
        <span />
        <Button type="submit" variant="primary" disabled={busy}>
          {t('settings.save')}
        </Button>
      </form>
    </section>
  );
}
