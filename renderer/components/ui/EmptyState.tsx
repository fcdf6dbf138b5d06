/** What a list says when it has nothing to show (no jobs, no projects, an empty folder, no log lines). */
import type { ReactNode } from 'react';

export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="empty-state muted" data-testid={testId}>
      {children}
    </p>
  );
}
