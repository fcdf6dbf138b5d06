import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainI18n } from './i18n.js';
import { aboutText, buildMenuTemplate, HELP_LINKS, openDialogOptions } from './menu-template.js';
import { isAllowedExternal } from './navigation-guard.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const en = createMainI18n('en').t;
const de = createMainI18n('de').t;

function actions() {
  const calls: string[] = [];
  return {
    calls,
    a: {
      openFolder: () => calls.push('folder'),
      openZip: () => calls.push('zip'),
      openFiles: () => calls.push('files'),
      about: () => calls.push('about'),
      openExternal: (u: string) => calls.push(`ext:${u}`),
    },
  };
}

describe('buildMenuTemplate', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`has File open items, About and a disabled update check on ${platform}`, () => {
      const { calls, a } = actions();
      const items = flatten(buildMenuTemplate(platform, a, en));
      const byId = (id: string) => items.find((i) => i.id === id);
      for (const id of ['open-folder', 'open-zip', 'open-files', 'about']) {
        (byId(id)!.click as () => void)();
      }
      expect(calls).toEqual(['folder', 'zip', 'files', 'about']);
      expect(byId('check-updates')).toMatchObject({ enabled: false });
      expect(items.some((i) => i.role === 'quit')).toBe(true);
      expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    });
  }
  it('enables the update check only where the app updates itself', () => {
    let checked = 0;
    const items = flatten(
      buildMenuTemplate('win32', { ...actions().a, checkForUpdates: () => checked++ }, en),
    );
    const item = items.find((i) => i.id === 'check-updates')!;
    expect(item.enabled).toBe(true);
    (item.click as () => void)();
    expect(checked).toBe(1);
  });
  it('offers DevTools in development only', () => {
    const items = flatten(buildMenuTemplate('linux', actions().a, en, { dev: true }));
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
  it('links only to allowlisted https pages', () => {
    for (const url of Object.values(HELP_LINKS)) expect(isAllowedExternal(url)).toBe(true);
  });
});

describe('aboutText', () => {
  it('carries the version and the COLMAP license note, in the language asked for', () => {
    const t = aboutText('1.2.3', { electron: '39.0.0', chrome: '140', node: '22' }, en);
    expect(t).toContain('ScanBridge 1.2.3');
    expect(t).toContain('Electron 39.0.0');
    expect(t).toMatch(/COLMAP.*new BSD license/);
    const d = aboutText('1.2.3', {}, de);
    expect(d).toMatch(/COLMAP.*neuen BSD-Lizenz/);
    expect(d).not.toContain('license');
  });
});

/** Every label a person reads in the menu (separators have none). */
const labels = (items: MenuItemConstructorOptions[]) =>
  flatten(items)
    .map((i) => i.label)
    .filter((l): l is string => l !== undefined);

describe('menus in German and English', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`labels every item, roles included, from the catalogue on ${platform}`, () => {
      const enItems = flatten(buildMenuTemplate(platform, actions().a, en, { dev: true }));
      // Electron's own role labels are English on Windows and Linux: every item carries ours.
      expect(enItems.filter((i) => i.type !== 'separator' && !i.label)).toEqual([]);
      const english = labels(buildMenuTemplate(platform, actions().a, en, { dev: true }));
      const german = labels(buildMenuTemplate(platform, actions().a, de, { dev: true }));
      expect(german).toHaveLength(english.length);
      expect(english).toContain('&File');
      expect(german).toContain('&Datei');
      expect(german).toContain('Über ScanBridge');
      // Only names stay the same in both languages (the mac app menu is the app's name).
      const same = german.filter((l, i) => l === english[i]);
      expect(same).toEqual(platform === 'darwin' ? ['ScanBridge'] : []);
    });
  }
  it('titles the open dialogs in the language asked for', () => {
    expect(openDialogOptions('folder', en)).toEqual({
      title: 'Choose a folder of photos',
      properties: ['openDirectory'],
    });
    expect(openDialogOptions('zip', de)).toMatchObject({
      title: 'Zip mit Fotos wählen',
      filters: [{ name: 'Zip-Archive', extensions: ['zip'] }],
    });
    const photos = openDialogOptions('files', de);
    expect(photos.title).toBe('Fotos wählen');
    expect(photos.properties).toContain('multiSelections');
    expect(photos.filters?.map((f) => f.name)).toEqual(['Fotos', 'Alle Dateien']);
  });
});
