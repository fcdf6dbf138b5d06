/**
 * Natural, deterministic ordering for paths: IMG_2 before IMG_10, the same order on every machine.
 * A fixed locale plus a code-unit tie-break keeps it total (no two distinct strings compare equal).
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

export function naturalCompare(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}
