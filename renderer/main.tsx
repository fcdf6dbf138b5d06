import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { initI18n } from './i18n/index.js';
import { useApp } from './store/app-store.js';
import { applyTheme } from './theme/theme.js';
import './styles.css';

// The system's theme until the settings arrive (App then applies the chosen one): no light flash in dark.
applyTheme('system')();
await initI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void useApp.getState().init();
