/**
 * A progress bar with its accessible name. Without `value` it is indeterminate: working, amount unknown
 * (a cloud's processing, which reports no figure) — never a "0 %" that is not true.
 */
export interface ProgressBarProps {
  label: string;
  value?: number | undefined;
  max?: number;
}

export function ProgressBar({ label, value, max = 1 }: ProgressBarProps) {
  return <progress className="progress-bar" max={max} value={value} aria-label={label} />;
}
