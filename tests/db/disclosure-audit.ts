/*
 * What a person can work out from the figures they are shown. Each figure is the number of people in
 * a set of smallest groups ("cells", e.g. one wave × one municipality): shown, shown as zero (absent),
 * or hidden ('too_few': "<5"; 'protective': hidden so that a small group cannot be worked out).
 *
 * The auditor solves what the shown figures determine (exact linear algebra over the cells: any sum,
 * difference or combination of shown figures, across every view the person loaded) and reports every
 * group of one to four people whose size can be pinned down:
 *   - a hidden figure whose value follows from the shown ones;
 *   - the difference of two shown figures, one inside the other (a region and a municipality; all waves
 *     and one wave; the same group with and without a filter);
 *   - a shown figure minus all its shown parts in one breakdown (what is left is the sum of the hidden
 *     parts: Kampen's two from the region minus its other municipalities);
 *   - hidden parts whose labels leave them no room: "<5" parts are 1–4 and protective ones 5 or more,
 *     so a remainder equal to their least (or, with only "<5" parts, their most) fixes each of them.
 * Answers per option and means belong to a group: once no group under five can be worked out, neither
 * can its answers.
 */

export type Hidden = 'too_few' | 'protective';

export interface Figure {
  /** Where the person saw it (for the report). */
  label: string;
  /** The cells it counts (indices into the audit's cells). */
  cells: number[];
  value: number | null;
  hidden: Hidden | null;
}

/** One way a figure splits into parts (a breakdown), by the parts' cell sets. */
export interface Breakdown {
  whole: number[];
  parts: number[][];
}

const EPSILON = 1e-7;

class Solver {
  /** Reduced rows: coefficients over the cells and the value; `pivot` is the cell each row solves. */
  private rows: { coefficients: Float64Array; value: number; pivot: number }[] = [];

  constructor(private readonly size: number) {}

  /** Adds "the sum of these cells is value"; keeps the rows fully reduced. */
  add(cells: number[], value: number) {
    const row = new Float64Array(this.size);
    for (const c of cells) row[c] = 1;
    let v = value;
    for (const r of this.rows) {
      const f = row[r.pivot]!;
      if (Math.abs(f) > EPSILON) {
        for (let i = 0; i < this.size; i++) row[i]! -= f * r.coefficients[i]!;
        v -= f * r.value;
      }
    }
    let pivot = -1;
    for (let i = 0; i < this.size; i++)
      if (Math.abs(row[i]!) > EPSILON && (pivot < 0 || Math.abs(row[i]!) > Math.abs(row[pivot]!))) pivot = i;
    if (pivot < 0) return; // follows from what was known already
    const p = row[pivot]!;
    for (let i = 0; i < this.size; i++) row[i]! /= p;
    v /= p;
    for (const r of this.rows) {
      const f = r.coefficients[pivot]!;
      if (Math.abs(f) > EPSILON) {
        for (let i = 0; i < this.size; i++) r.coefficients[i]! -= f * row[i]!;
        r.value -= f * v;
      }
    }
    this.rows.push({ coefficients: row, value: v, pivot });
  }

  /** The sum of these cells when the known figures determine it, else null. */
  sum(cells: number[]): number | null {
    const row = new Float64Array(this.size);
    for (const c of cells) row[c] = 1;
    let v = 0;
    for (const r of this.rows) {
      const f = row[r.pivot]!;
      if (Math.abs(f) > EPSILON) {
        for (let i = 0; i < this.size; i++) row[i]! -= f * r.coefficients[i]!;
        v += f * r.value;
      }
    }
    return row.every((x) => Math.abs(x) < EPSILON) ? Math.round(v) : null;
  }
}

const small = (n: number | null) => n !== null && n >= 1 && n <= 4;
const key = (cells: number[]) => [...cells].sort((a, b) => a - b).join(',');

/**
 * Every group of one to four people that the figures let someone pin down, as readable findings
 * (empty when none). `cellCount` is the number of cells; `breakdowns` are the ways figures split.
 */
export function smallGroupsWorkedOut(cellCount: number, figures: Figure[], breakdowns: Breakdown[]): string[] {
  const found = new Set<string>();
  const solver = new Solver(cellCount);
  // The same group loaded through several views counts once (unless the views disagree).
  const distinct = new Map<string, Figure>();
  for (const f of figures) {
    const id = `${key(f.cells)} ${f.value} ${f.hidden}`;
    if (!distinct.has(id)) distinct.set(id, f);
  }
  figures = [...distinct.values()];
  const shown = figures.filter((f) => f.hidden === null && f.value !== null);
  for (const f of shown) {
    if (small(f.value)) found.add(`${f.label}: shown as ${f.value}`);
    solver.add(f.cells, f.value!);
  }
  for (const f of figures.filter((f) => f.hidden)) {
    const value = solver.sum(f.cells);
    if (small(value)) found.add(`${f.label}: hidden (${f.hidden}) but works out as ${value}`);
  }
  // Two shown figures, one inside the other.
  const sets = shown.map((f) => ({ f, cells: new Set(f.cells) }));
  for (const a of sets) {
    for (const b of sets) {
      if (b.cells.size >= a.cells.size || ![...b.cells].every((c) => a.cells.has(c))) continue;
      const difference = a.f.value! - b.f.value!;
      if (small(difference)) found.add(`${a.f.label} minus ${b.f.label} = ${difference}`);
    }
  }
  // A shown whole minus its shown parts, and what the hidden parts' labels then leave. A part the
  // person never saw counts as hidden, at least zero.
  const byCells = new Map<string, Figure>();
  for (const f of figures) byCells.set(key(f.cells), f);
  for (const { whole, parts } of breakdowns) {
    const total = byCells.get(key(whole));
    if (!total || total.hidden || total.value === null) continue;
    const partFigures = parts.map((p) => byCells.get(key(p)));
    const unseen = partFigures.filter((p) => !p || p.hidden).length;
    const rest = total.value - partFigures.reduce((sum, p) => sum + (p && !p.hidden ? p.value! : 0), 0);
    if (small(rest)) found.add(`${total.label} minus its shown parts = ${rest}`);
    const few = partFigures.filter((p) => p?.hidden === 'too_few').length;
    const protective = partFigures.filter((p) => p?.hidden === 'protective').length;
    if (few === 0) continue;
    const least = few + 5 * protective;
    const most = few === unseen ? 4 * few : Infinity;
    if (rest === least || rest === most)
      found.add(`${total.label}: its parts under five can only be ${rest === least ? 1 : 4} each (${rest} left)`);
  }
  return [...found].sort();
}
