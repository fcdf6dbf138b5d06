/**
 * The one modal dialog: Radix traps focus, closes on Escape and labels the dialog by its title; focus
 * goes back to what opened it. Screens give it a title, content and an onClose.
 *
 * No Radix Overlay: it wraps itself in react-remove-scroll, whose <style> element our CSP refuses
 * (see scroll-lock.ts). The overlay here is a plain element, the scroll lock a class on <html>; the
 * modal behaviour (focus trap, outside content hidden from assistive tech, outside clicks close) is
 * Content's own and stays.
 */
import * as D from '@radix-ui/react-dialog';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { lockPageScroll } from './scroll-lock.js';

let dialogsOpen = 0;
/**
 * The app behind an open dialog is `inert` (the dialog is portalled outside #root): nothing there can
 * be focused, clicked or found, and checkers (axe) no longer weigh the dimmed text behind the overlay
 * as if it were readable content. Radix's aria-hidden on the rest stays. Undone when the last closes
 * (layout cleanup: before Radix gives focus back to what opened the dialog).
 */
function inertBehind(doc: Document = document): () => void {
  const root = doc.getElementById('root');
  if (dialogsOpen++ === 0) root?.setAttribute('inert', '');
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    if (--dialogsOpen === 0) root?.removeAttribute('inert');
  };
}

export function Dialog({
  title,
  description,
  closeLabel,
  onClose,
  children,
  wide,
  testId,
}: {
  title: string;
  description?: string | undefined;
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  // Our dialogs are opened by state, not by a Radix Trigger, so Radix has nothing to give focus back
  // to: remember what had focus when the dialog first rendered and return there on close.
  const [returnTo] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  // Rendered means open: locked from the first paint until it unmounts.
  useLayoutEffect(() => lockPageScroll(), []);
  useLayoutEffect(() => inertBehind(), []);
  return (
    <D.Root open onOpenChange={(open) => !open && onClose()}>
      <D.Portal>
        <div className="overlay" data-testid="dialog-overlay" />
        <D.Content
          className={wide ? 'dialog wide' : 'dialog'}
          data-testid={testId}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            if (returnTo?.isConnected) returnTo.focus();
          }}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="row">
            <D.Title className="grow dialog-title">{title}</D.Title>
            <D.Close asChild>
              <button type="button" className="icon-button" aria-label={closeLabel} title={closeLabel}>
                <span aria-hidden="true">×</span>
              </button>
            </D.Close>
          </div>
          {description && <D.Description className="muted">{description}</D.Description>}
          {children}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
