/**
 * The one modal dialog: Radix traps focus, closes on Escape and labels the dialog by its title; focus
 * goes back to what opened it. Screens give it a title, content and an onClose.
 */
import * as D from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';

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
  return (
    <D.Root open onOpenChange={(open) => !open && onClose()}>
      <D.Portal>
        <D.Overlay className="overlay" />
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
