import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { useApp } from '../store/app-store.js';

export function LogView() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const load = useCallback(() => {
    api.getLog().then(setEntries, (e: unknown) => useApp.getState().setError(e));
  }, []);
  useEffect(load, [load]);

  const save = async () => {
    const { setError, setNotice } = useApp.getState();
    try {
      const r = await api.saveDiagnostics();
      setNotice(t('log.diagnosticsSaved', { path: r.path }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="log-title">
      <div className="row">
        <h1 id="log-title" className="grow">
          {t('log.title')}
        </h1>
        <button type="button" onClick={load}>
          {t('log.refresh')}
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          {t('log.diagnostics')}
        </button>
      </div>
      {entries.length === 0 ? (
        <p className="muted">{t('log.empty')}</p>
      ) : (
        <pre className="log" tabIndex={0} aria-label={t('log.title')}>
          {entries.map((e) => `${e.at}  ${e.level.toUpperCase().padEnd(5)}  ${e.message}`).join('\n')}
        </pre>
      )}
    </section>
  );
}
