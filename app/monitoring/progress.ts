import type { Direction } from '~/db/types';

export const PROGRESS_STATUSES = ['on_track', 'behind', 'no_data'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface SeriesPoint {
  /** First day of the period, 'YYYY-MM-DD'. */
  start: string;
  value: number;
}

export interface TargetPoint {
  dueYear: number;
  value: number;
}

export interface Progress {
  status: ProgressStatus;
  /** The target the status was judged against, when there is one. */
  target: TargetPoint | null;
  /** Where the straight line stood at the latest value's period (only when it was needed). */
  expected: number | null;
}

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * Whether a core indicator is on track to its target. The rule, in words:
 *
 * 1. Without a direction, a target or any value there is **no data**.
 * 2. The target that counts is the first one due in or after the year of the latest value; when every
 *    target lies before that year, the last one (it was missed or met, and that is what shows).
 * 3. A latest value that already reaches the target (at least it when higher is better, at most it when
 *    lower is better) is **on track**.
 * 4. Otherwise one value says nothing about a course: **no data**.
 * 5. Otherwise draw a straight line from the first value (at its period's first day) to the target (at
 *    the end of its year). The latest value on the good side of that line, or on it, is **on track**;
 *    on the other side it is **behind**. Past the end of the target's year the line stays at the target,
 *    so a target not reached in time is behind.
 *
 * Values are taken in period order whatever their kind (year, quarter, month).
 */
export function judgeProgress(
  direction: Direction | null,
  series: readonly SeriesPoint[],
  targets: readonly TargetPoint[],
): Progress {
  const points = [...series].sort((a, b) => day(a.start) - day(b.start));
  const latest = points.at(-1);
  const sortedTargets = [...targets].sort((a, b) => a.dueYear - b.dueYear);
  if (!direction || !latest || sortedTargets.length === 0) {
    return { status: 'no_data', target: sortedTargets[0] ?? null, expected: null };
  }
  const latestYear = Number(latest.start.slice(0, 4));
  const target = sortedTargets.find((t) => t.dueYear >= latestYear) ?? sortedTargets.at(-1)!;
  const better = (a: number, b: number) => (direction === 'higher' ? a >= b : a <= b);
  if (better(latest.value, target.value)) return { status: 'on_track', target, expected: null };
  const first = points[0]!;
  if (points.length < 2) return { status: 'no_data', target, expected: null };

  const from = day(first.start);
  const due = day(`${target.dueYear + 1}-01-01`);
  const now = day(latest.start);
  const share = due <= from ? 1 : Math.min(1, Math.max(0, (now - from) / (due - from)));
  const expected = first.value + (target.value - first.value) * share;
  return { status: better(latest.value, expected) ? 'on_track' : 'behind', target, expected };
}

/** How many core indicators of a goal are on track, behind or without data. */
export function countProgress(statuses: readonly ProgressStatus[]): Record<ProgressStatus, number> {
  const counts: Record<ProgressStatus, number> = { on_track: 0, behind: 0, no_data: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}
