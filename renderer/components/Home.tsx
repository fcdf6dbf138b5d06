import { useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickKind } from '../../main/contract/index.js';
import { api, isElectron } from '../api/index.js';
import { formatBytes, formatDate } from '../format.js';
import { sortedJobs, useApp } from '../store/app-store.js';
import { FolderBrowser } from './FolderBrowser.js';
import { stateLabel } from './state-label.js';
import { Button } from './ui/Button.js';

const USABLE = /\.(zip|jpe?g|png)$/i;

export function Home() {
  const { t, i18n } = useTranslation();
  const scanning = useApp((s) => s.scanning);
  const jobs = useApp((s) => s.jobs);
  const [path, setPath] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [over, setOver] = useState(false);
  const { scan, setError } = useApp.getState();

  const pick = async (kind: PickKind) => {
    try {
      const r = await api.pickPaths(kind);
      if ('unsupported' in r) setBrowsing(true);
      else if ('paths' in r && r.paths.length > 0) await scan(r.paths);
    } catch (e) {
      setError(e);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    const paths = api.pathForFile ? files.map((f) => api.pathForFile?.(f) ?? '').filter(Boolean) : [];
    if (paths.length > 0) return void scan(paths);
    const bad = files.find((f) => f.type !== '' && !USABLE.test(f.name));
    setError({ message: bad ? t('home.notUsable', { name: bad.name }) : t('home.dropNeedsPath') });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void scan([path.trim()]);
  };

  const recent = sortedJobs(jobs).slice(0, 5);

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>{isElectron ? t('home.drop') : t('home.dropWeb')}</p>
        <div className="row">
          <Button onClick={() => void pick('folder')}>{t('home.pickFolder')}</Button>
          <Button onClick={() => void pick('zip')}>{t('home.pickZip')}</Button>
          <Button onClick={() => void pick('files')}>{t('home.pickFiles')}</Button>
        </div>
        <form className="row" onSubmit={submit}>
          <label htmlFor="path-input">{t('home.pathLabel')}</label>
          <input
            id="path-input"
            className="grow"
            value={path}
            spellCheck={false}
            placeholder={t('home.pathPlaceholder')}
            onChange={(e) => setPath(e.target.value)}
          />
          <Button type="submit" disabled={scanning || path.trim() === ''}>
            {t('home.open')}
          </Button>
          <Button
            onClick={() => {
              useApp.getState().clearError();
              setBrowsing(true);
            }}
          >
            {t('home.browse')}
          </Button>
        </form>
        <p className="hint" aria-live="polite">
          {scanning ? t('home.scanning') : '\u00a0'}
        </p>
      </div>
      {browsing && (
        <FolderBrowser
          start={path.trim() || undefined}
          onClose={() => setBrowsing(false)}
          onChoose={(p) => {
            setBrowsing(false);
            setPath(p);
            void scan([p]);
          }}
        />
      )}
      <h2>{t('home.recent')}</h2>
      {recent.length === 0 ? (
        <p className="muted">{t('home.noRecent')}</p>
      ) : (
        <ul className="recent">
          {recent.map((j) => (
            <li key={j.id}>
              <Button variant="link" onClick={() => useApp.getState().go('projects')}>
                {j.projectName}
              </Button>{' '}
              <span className="muted num">
                {formatDate(j.createdAt, i18n.language)} · {j.source.photoCount} ·{' '}
                {formatBytes(j.source.totalBytes, i18n.language)} · {stateLabel(j, t)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
