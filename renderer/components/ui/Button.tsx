/**
 * The app's one button. `variant` picks the look (the default outlined, `primary` for a view's or a row's
 * one main action, `danger` for what deletes or cancels, `link` for inline text actions); a button is
 * `type="button"` unless told otherwise, so no button submits a form by accident.
 */
import type { ComponentPropsWithRef } from 'react';

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'link';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant | undefined;
}

export function Button({ variant = 'default', type = 'button', className, ...rest }: ButtonProps) {
  const classes = [variant === 'default' ? '' : variant, className ?? ''].filter(Boolean).join(' ');
  return <button type={type} className={classes || undefined} {...rest} />;
}
