import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOverride, pickLanguage } from '../i18n/index.js';
import { useApp } from '../store/app-store.js';
import { applyTheme } from '../theme/theme.js';
import { Banner } from './Banner.js';
import { Header } from './Header.js';
import { Home } from './Home.js';
import { LogView } from './LogView.js';
import { Projects } from './Projects.js';
import { Queue } from './Queue.js';
import { Review } from './Review.js';
import { SettingsView } from './SettingsView.js';
import { TokenDialog } from './TokenDialog.js';

const CLOUD_REFRESH_MS = 30_000;

export function App() {
  const { t, i18n } = useTranslation();
  const ready = useApp((s) => s.ready);
  const screen = useApp((s) => s.screen);
  const locale = useApp((s) => s.settings?.locale);
  const tokenDialogOpen = useApp((s) => s.tokenDialogOpen);
  const theme = useApp((s) => s.settings?.theme ?? 'system');

  useEffect(() => applyTheme(theme), [theme]);

  useEffect(() => {
    if (!locale) return;
    const lng = languageOverride ?? pickLanguage(locale);
    if (i18n.language !== lng) void i18n.changeLanguage(lng);
    document.documentElement.lang = lng;
  }, [locale, i18n]);

  useEffect(() => {
    const timer = setInterval(() => void useApp.getState().refreshCloud(), CLOUD_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Banner />
        {!ready ? (
          <p>{t('app.loading')}</p>
        ) : screen === 'home' ? (
          <Home />
        ) : screen === 'review' ? (
          <Review />
        ) : screen === 'queue' ? (
          <Queue />
        ) : screen === 'projects' ? (
          <Projects />
        ) : screen === 'settings' ? (
          <SettingsView />
        ) : (
          <LogView />
        )}
      </main>
      {tokenDialogOpen && <TokenDialog />}
    </>
  );
}
