/**
 * pg_trgm's `similarity(a, b)` from the trigram sets the database extracted (`extensions.show_trgm`):
 * shared trigrams / (trigrams of a + trigrams of b − shared), in single precision as pg_trgm computes it.
 * The pairs are compared here rather than with `similarity()` in SQL because the embedded database
 * (WebAssembly) spent ~25 µs per pair, and a window of 200 signals has ~20 000 pairs.
 */
export function similarPairs<T extends { id: string; trigrams: string[] }>(
  items: T[],
  threshold: number,
): { a: string; b: string }[] {
  // Trigrams as small integers, each signal's set sorted, so a pair is one merge of two arrays.
  const codes = new Map<string, number>();
  const sets = items.map((item) => {
    const ids = new Set<number>();
    for (const t of item.trigrams) {
      let code = codes.get(t);
      if (code === undefined) codes.set(t, (code = codes.size));
      ids.add(code);
    }
    return Int32Array.from(ids).sort();
  });
  const pairs: { a: string; b: string }[] = [];
  for (let i = 0; i < sets.length; i++) {
    const x = sets[i]!;
    for (let j = i + 1; j < sets.length; j++) {
      const y = sets[j]!;
      // similarity ≥ t needs the smaller set to hold at least t/(1+t) of both together: skip early.
      if (x.length === 0 || y.length === 0) continue;
      if (Math.min(x.length, y.length) * (1 + threshold) < threshold * (x.length + y.length)) continue;
      let shared = 0;
      for (let p = 0, q = 0; p < x.length && q < y.length; ) {
        if (x[p] === y[q]) {
          shared++;
          p++;
          q++;
        } else if (x[p]! < y[q]!) p++;
        else q++;
      }
      if (Math.fround(shared / (x.length + y.length - shared)) >= threshold) {
        const [a, b] = items[i]!.id < items[j]!.id ? [items[i]!.id, items[j]!.id] : [items[j]!.id, items[i]!.id];
        pairs.push({ a, b });
      }
    }
  }
  return pairs;
}

/** Groups joined transitively: every id reachable through a pair is in one group. */
export function groupPairs(pairs: { a: string; b: string }[]): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  for (const { a, b } of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of new Set(pairs.flatMap((r) => [r.a, r.b]))) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()];
}
