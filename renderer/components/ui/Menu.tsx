/**
 * The overflow menu ("⋯") every row uses beside its one primary button. Radix handles focus, arrow
 * keys, Escape and typeahead; we only give it items (an item with `items` is a labelled group).
 */
import * as DM from '@radix-ui/react-dropdown-menu';
import { useId } from 'react';

export interface MenuItem {
  label: string;
  onSelect?: () => void;
  disabled?: boolean;
  danger?: boolean;
  items?: MenuItem[];
}

function Group({ label, items }: { label: string; items: MenuItem[] }) {
  const id = useId();
  return (
    <DM.Group aria-labelledby={id}>
      <DM.Separator className="menu-separator" />
      <DM.Label id={id} className="menu-label">
        {label}
      </DM.Label>
      <Items items={items} />
    </DM.Group>
  );
}

function Items({ items }: { items: MenuItem[] }) {
  return (
    <>
      {items.map((item) =>
        item.items ? (
          // A labelled group, not a hover submenu: submenus close when the pointer cuts a corner.
          item.items.length > 0 && <Group key={item.label} label={item.label} items={item.items} />
        ) : (
          <DM.Item
            key={item.label}
            className={item.danger ? 'menu-item danger' : 'menu-item'}
            disabled={item.disabled}
            onSelect={() => item.onSelect?.()}
          >
            {item.label}
          </DM.Item>
        ),
      )}
    </>
  );
}

/** `label` names the menu for screen readers; `text` (optional) replaces the "⋯" with a visible word. */
export function Menu({ label, items, text }: { label: string; items: MenuItem[]; text?: string }) {
  if (items.length === 0) return null;
  return (
    <DM.Root modal={false}>
      <DM.Trigger asChild>
        {text ? (
          <button type="button" aria-label={label}>
            {text}
          </button>
        ) : (
          <button type="button" className="icon-button" aria-label={label} title={label}>
            <span aria-hidden="true">⋯</span>
          </button>
        )}
      </DM.Trigger>
      <DM.Portal>
        <DM.Content className="menu" align="end" sideOffset={4} collisionPadding={8}>
          <Items items={items} />
        </DM.Content>
      </DM.Portal>
    </DM.Root>
  );
}
