import { useTranslation } from 'react-i18next';
import { formatBytes, formatDate, formatDuration } from '../format.js';
import { isWorking } from '../../main/contract/index.js';
import { useApp, type Screen } from '../store/app-store.js';
import { Button } from './ui/Button.js';

const NAV: Screen[] = ['home', 'queue', 'projects', 'settings', 'log'];

export function Header() {
  const { t, i18n } = useTranslation();
  const screen = useApp((s) => s.screen);
  const go = useApp((s) => s.go);
  const token = useApp((s) => s.token);
  const cloud = useApp((s) => s.cloud);
  const openTokenDialog = useApp((s) => s.openTokenDialog);
  const credit = cloud?.credit ?? token?.info?.credit;
  // Our own jobs, kept apart from the cloud's queue (which counts everyone's sets).
  const working = useApp((s) => Object.values(s.jobs).filter((j) => isWorking(j.state)).length);

  return (
    <header className="header">
      <span className="brand">{t('app.name')}</span>
      <nav aria-label={t('nav.main')}>
        {NAV.map((s) => (
          <Button
            key={s}
            className="nav"
            aria-current={screen === s || (s === 'home' && screen === 'review') ? 'page' : undefined}
            onClick={() => go(s)}
          >
            {t(`nav.${s}`)}
          </Button>
        ))}
      </nav>
      <div className="status" aria-live="polite">
        <span
          className={`dot ${cloud === undefined ? 'unknown' : cloud.online ? 'on' : 'off'}`}
          title={cloud && t('header.checkedAt', { time: formatDate(cloud.checkedAt, i18n.language) })}
          data-testid="cloud-status"
        >
          {cloud === undefined
            ? t('header.unknown')
            : cloud.online
              ? t('header.online')
              : t('header.offline')}
        </span>
        {cloud?.queueLength !== undefined && (
          <span className="num" data-testid="cloud-queue">
            {t('header.cloudQueue', {
              count: cloud.queueLength,
              time: formatDuration(cloud.estimatedSeconds, i18n.language),
            })}
          </span>
        )}
        {working > 0 && (
          <span className="num" data-testid="own-jobs">
            {t('header.ownJobs', { count: working })}
          </span>
        )}
        <span className="num" data-testid="credit">
          {credit !== undefined
            ? `${t('header.credit')}: ${formatBytes(credit, i18n.language)}`
            : t('header.noToken')}
        </span>
        <Button onClick={() => openTokenDialog(true)}>{t('header.token')}</Button>
      </div>
    </header>
  );
}
