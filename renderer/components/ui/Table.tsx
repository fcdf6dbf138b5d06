/**
 * A data table: column headings from the catalogue, rows as children (`<tbody>`). A column can be
 * numeric (right-aligned, tabular figures), shown on wide windows only, or named for screen readers
 * only (the actions column).
 */
import type { ReactNode } from 'react';

export interface TableColumn {
  key: string;
  label: string;
  numeric?: boolean;
  wideOnly?: boolean;
  /** Read by screen readers, not shown (the column of buttons needs no visible heading). */
  hidden?: boolean;
}

export function Table({
  columns,
  className,
  labelledBy,
  children,
}: {
  columns: TableColumn[];
  className?: string;
  /** The id of the heading that names the table. */
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    <table className={['table', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={
                [c.numeric ? 'num' : '', c.wideOnly ? 'wide-only' : ''].filter(Boolean).join(' ') || undefined
              }
            >
              {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}
