/**
 * A message over the current view: a notice (role status: read out politely) or an error (role alert),
 * each with a button that dismisses it. The text is already the catalogue's; server text in it was
 * sanitised by main before it crossed the bridge (ErrorText only picks the catalogue's words).
 */
import type { ReactNode } from 'react';
import { Button } from './Button.js';

export interface ToastProps {
  tone: 'notice' | 'error';
  children: ReactNode;
  dismissLabel: string;
  onDismiss: () => void;
}

export function Toast({ tone, children, dismissLabel, onDismiss }: ToastProps) {
  return (
    <div
      className={`banner ${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={`toast-${tone}`}
    >
      <div>{children}</div>
      <Button onClick={onDismiss}>{dismissLabel}</Button>
    </div>
  );
}
