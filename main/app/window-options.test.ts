import { describe, expect, it } from 'vitest';
import { buildWindowOptions, MIN_SIZE } from './window-options.js';

describe('buildWindowOptions', () => {
  const opts = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
  const wp = opts.webPreferences!;

  it('pins every security-relevant webPreference', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
    expect(wp.spellcheck).toBe(false);
    expect(wp.devTools).toBe(false);
    expect(wp.preload).toBe('/app/out/preload/index.cjs');
  });

  it('never sets blink features or extra node options', () => {
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
    expect(wp).not.toHaveProperty('additionalArguments');
    expect(wp).not.toHaveProperty('partition');
    expect(Object.keys(wp).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'autoplayPolicy',
        'contextIsolation',
        'devTools',
        'disableDialogs',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('security fields do not depend on the other inputs', () => {
    const other = buildWindowOptions({
      preloadPath: '/x.cjs',
      devTools: true,
      dark: true,
      bounds: { x: 1, y: 2, width: 10, height: 10 },
    }).webPreferences!;
    const { preload: _a, devTools: _b, ...rest1 } = wp;
    const { preload: _c, devTools: _d, ...rest2 } = other;
    expect(rest2).toEqual(rest1);
  });

  it('restores remembered bounds but never below the minimum size', () => {
    const o = buildWindowOptions({ preloadPath: '/p', bounds: { x: 5, y: 6, width: 100, height: 100 } });
    expect(o).toMatchObject({ x: 5, y: 6, width: MIN_SIZE.width, height: MIN_SIZE.height, show: false });
    const big = buildWindowOptions({ preloadPath: '/p', bounds: { width: 1500, height: 1000 } });
    expect(big.width).toBe(1500);
    expect(big).not.toHaveProperty('x');
  });
});
