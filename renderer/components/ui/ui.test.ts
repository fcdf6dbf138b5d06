/**
 * The component set as it renders: what every screen gets from it (a button that never submits by
 * accident, a bar that is indeterminate rather than a false 0 %, named tables and toasts).
 */
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button } from './Button.js';
import { EmptyState } from './EmptyState.js';
import { ProgressBar } from './ProgressBar.js';
import { Table } from './Table.js';
import { Toast } from './Toast.js';

const html = (el: ReturnType<typeof h>) => renderToStaticMarkup(el);

describe('ui components', () => {
  it('Button: type="button" unless told, the variant as its class, other props passed on', () => {
    expect(html(h(Button, null, 'Go'))).toBe('<button type="button">Go</button>');
    expect(html(h(Button, { variant: 'primary', disabled: true }, 'Upload'))).toBe(
      '<button type="button" class="primary" disabled="">Upload</button>',
    );
    expect(html(h(Button, { type: 'submit', variant: 'danger', className: 'nav' }, 'x'))).toBe(
      '<button type="submit" class="danger nav">x</button>',
    );
  });

  it('ProgressBar: named; without a value it is indeterminate (no value attribute at all)', () => {
    expect(html(h(ProgressBar, { label: 'owl', value: 0.25 }))).toBe(
      '<progress class="progress-bar" max="1" value="0.25" aria-label="owl"></progress>',
    );
    expect(html(h(ProgressBar, { label: 'owl', max: 100 }))).not.toContain('value=');
  });

  it('Table: headings as columns, a hidden heading read by screen readers only, named by its heading', () => {
    const out = html(
      h(
        Table,
        {
          labelledBy: 't',
          columns: [
            { key: 'n', label: 'Name' },
            { key: 'p', label: 'Photos', numeric: true, wideOnly: true },
            { key: 'a', label: 'Actions', hidden: true },
          ],
        },
        h('tbody'),
      ),
    );
    expect(out).toContain('aria-labelledby="t"');
    expect(out).toContain('<th scope="col">Name</th>');
    expect(out).toContain('<th scope="col" class="num wide-only">Photos</th>');
    expect(out).toContain('<th scope="col"><span class="visually-hidden">Actions</span></th>');
  });

  it('Toast: an error is an alert, a notice a status, each with its dismiss button', () => {
    const error = html(h(Toast, { tone: 'error', dismissLabel: 'Dismiss', onDismiss: () => {} }, 'Boom'));
    expect(error).toMatch(/^<div class="banner error" role="alert"/);
    expect(error).toContain('<button type="button">Dismiss</button>');
    const notice = html(h(Toast, { tone: 'notice', dismissLabel: 'OK', onDismiss: () => {} }, 'Saved'));
    expect(notice).toContain('role="status"');
  });

  it('EmptyState: the sentence, muted', () => {
    expect(html(h(EmptyState, null, 'No jobs yet.'))).toBe('<p class="empty-state muted">No jobs yet.</p>');
  });
});
