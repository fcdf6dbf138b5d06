import { describe, expect, it } from 'vitest';
import { boundsToSave, fitBoundsToDisplays } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };

describe('fitBoundsToDisplays', () => {
  it('keeps bounds that are on a display', () => {
    const b = { x: 100, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitBoundsToDisplays(b, [laptop])).toEqual(b);
  });
  it('drops the position of a window left on a monitor that is gone, and fits its size', () => {
    const b = { x: 2500, y: 100, width: 2400, height: 1300, maximized: true };
    expect(fitBoundsToDisplays(b, [laptop])).toEqual({ width: 1920, height: 1080, maximized: true });
  });
  it('treats a sliver on screen as off screen', () => {
    expect(
      fitBoundsToDisplays({ x: 1900, y: 1060, width: 800, height: 600, maximized: false }, [laptop]),
    ).not.toHaveProperty('x');
  });
  it('passes through nothing-saved and position-less bounds', () => {
    expect(fitBoundsToDisplays(null, [laptop])).toBeNull();
    expect(fitBoundsToDisplays({ width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});

describe('boundsToSave', () => {
  it('rounds and floors to sane minimums', () => {
    expect(boundsToSave({ x: 10.4, y: 20.6, width: 50, height: 20 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 200,
      height: 150,
      maximized: true,
    });
  });
});
