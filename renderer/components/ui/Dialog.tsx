/**
 * The one modal dialog: Radix traps focus, restores it on close, closes on Escape and labels the
 * dialog by its title. Screens give it a title, content and an onClose.
 */
import * as D from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

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
  return (
    <D.Root open onOpenChange={(open) => !open && onClose()}>
      <D.Portal>
        <D.Overlay className="overlay" />
        <D.Content
          className={wide ? 'dialog wide' : 'dialog'}
          data-testid={testId}
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
