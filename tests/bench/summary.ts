import { loadavg } from 'node:os';

/** A figure with `digits` decimals, or "-" for one that was not measured (NaN, Infinity). */
export const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** The middle value, or the mean of the middle two: every benchmark reports rounds the same way. */
export function median(values: number[]) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The machine's load average over 1, 5 and 15 minutes, printed beside every run's figures. */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
