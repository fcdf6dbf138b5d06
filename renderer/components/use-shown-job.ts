/**
 * The row a notification click asked for (store.shownJobId): scrolled into the middle of the view and
 * focused (a keyboard or screen-reader user lands on it), marked aria-current (styled as highlighted).
 * A callback ref, so a row that renders after the click (the list still loading) is still reached.
 */
import { useCallback } from 'react';
import { useApp } from '../store/app-store.js';

export interface ShownRowProps {
  ref?: (el: HTMLElement | null) => void;
  'aria-current'?: 'true';
  tabIndex?: -1;
}

export function useShownJob(): (jobId: string) => ShownRowProps {
  const shownId = useApp((s) => s.shownJobId);
  const ref = useCallback(
    (el: HTMLElement | null) => {
      if (!el || !shownId) return;
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    },
    [shownId],
  );
  return (jobId) => (jobId === shownId ? { ref, 'aria-current': 'true', tabIndex: -1 } : {});
}
