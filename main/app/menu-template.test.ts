import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutText, buildMenuTemplate, COLMAP_LICENSE_NOTE, HELP_LINKS } from './menu-template.js';
import { isAllowedExternal } from './navigation-guard.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

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
      const items = flatten(buildMenuTemplate(platform, a));
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
    const items = flatten(buildMenuTemplate('win32', { ...actions().a, checkForUpdates: () => checked++ }));
    const item = items.find((i) => i.id === 'check-updates')!;
    expect(item.enabled).toBe(true);
    (item.click as () => void)();
    expect(checked).toBe(1);
  });
  it('offers DevTools in development only', () => {
    const items = flatten(buildMenuTemplate('linux', actions().a, { dev: true }));
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
  it('links only to allowlisted https pages', () => {
    for (const url of Object.values(HELP_LINKS)) expect(isAllowedExternal(url)).toBe(true);
  });
});

describe('aboutText', () => {
  it('carries the version and the COLMAP license note', () => {
    const t = aboutText('1.2.3', { electron: '39.0.0', chrome: '140', node: '22' });
    expect(t).toContain('ScanBridge 1.2.3');
    expect(t).toContain(COLMAP_LICENSE_NOTE);
    expect(t).toMatch(/BSD/);
  });
});
