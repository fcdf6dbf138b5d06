/**
 * The light/dark switch: Settings' `theme` ('system' | 'light' | 'dark') becomes `data-theme="light|dark"`
 * on <html>, which picks the CSS variables in styles.css. 'system' follows the OS and keeps following it
 * while the app runs (the media query's change event), so the CSS has one dark block, not a copy for the
 * media query and another for the switch.
 */
import type { Settings } from '../../main/contract/index.js';

export type ThemeSetting = Settings['theme'];
export type Theme = 'light' | 'dark';

export function resolveTheme(setting: ThemeSetting, systemPrefersDark: boolean): Theme {
  if (setting !== 'system') return setting;
  return systemPrefersDark ? 'dark' : 'light';
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Applies the setting now and, for 'system', on every OS change; the returned function stops that. */
export function applyTheme(setting: ThemeSetting, root: HTMLElement = document.documentElement): () => void {
  const query = window.matchMedia(DARK_QUERY);
  const set = () => {
    // styles.css's dark block also sets color-scheme, so form controls follow the choice, not the OS.
    root.dataset.theme = resolveTheme(setting, query.matches);
  };
  set();
  if (setting !== 'system') return () => undefined;
  query.addEventListener('change', set);
  return () => query.removeEventListener('change', set);
}
