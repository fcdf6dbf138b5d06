import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { formatDate } from '../format.js';
import type { Translate } from '../i18n/format-log.js';
import { filterLog, LEVELS, logAsText, shownEntries, type Level } from './log-shown.js';
import { useApp } from '../store/app-store.js';
import { runAction } from './run-action.js';
import { Button } from './ui/Button.js';
import { EmptyState } from './ui/EmptyState.js';

export function LogView() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [min, setMin] = useState<Level>('info');
  const [text, setText] = useState('');
  const load = useCallback(() => {
    api.getLog().then(setEntries, (e: unknown) => useApp.getState().setError(e));
  }, []);
  useEffect(load, [load]);
  const english = i18n.language === 'en';
  const said = useMemo(() => shownEntries(entries, t as Translate, english), [entries, t, english]);
  const shown = filterLog(said, min, text);

  const save = () =>
    runAction(async () => t('log.diagnosticsSaved', { path: (await api.saveDiagnostics()).path }));
  const copy = () =>
    runAction(async () => {
      await navigator.clipboard.writeText(logAsText(shown));
      return t('log.copied', { count: shown.length });
    });

  return (
    <section aria-labelledby="log-title">
      <div className="row">
        <h1 id="log-title" className="grow">
          {t('log.title')}
        </h1>
        <Button onClick={load}>{t('log.refresh')}</Button>
        <Button onClick={() => void copy()} disabled={shown.length === 0}>
          {t('log.copy')}
        </Button>
        <Button variant="primary" onClick={() => void save()}>
          {t('log.diagnostics')}
        </Button>
      </div>
      <div className="row log-filters">
        <label htmlFor="log-level">{t('log.level')}</label>
        <select id="log-level" value={min} onChange={(e) => setMin(e.target.value as Level)}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`log.level_${l}`)}
            </option>
          ))}
        </select>
        <label htmlFor="log-filter">{t('log.filter')}</label>
        <input
          id="log-filter"
          type="search"
          className="grow"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="muted num" aria-live="polite" data-testid="log-count">
          {t('log.count', { count: shown.length, total: entries.length })}
        </span>
      </div>
      {shown.length === 0 ? (
        <EmptyState>{t('log.empty')}</EmptyState>
      ) : (
        <ol className="log" tabIndex={0} aria-label={t('log.title')}>
          {shown.map((e, i) => (
            <li key={i} className={`log-line level-${e.level}`}>
              <time dateTime={e.at} className="muted">
                {formatDate(e.at, i18n.language)}
              </time>{' '}
              <span className={`log-level level-${e.level}`}>{t(`log.level_${e.level}`)}</span>{' '}
              {/* A tool's own line (COLMAP, a node's console) is shown verbatim, as the tool said it. */}
              <pre
                className={e.tool ? 'log-message log-tool' : 'log-message'}
                data-code={e.coded ? e.code : undefined}
              >
                {/* Data is shown as it came (a name, a path, a server's words): marked as such. */}
                {e.pieces.map((p, j) =>
                  p.data ? (
                    <span key={j} className="log-data">
                      {p.text}
                    </span>
                  ) : (
                    p.text
                  ),
                )}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
