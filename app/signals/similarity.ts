/**
 * Pairs of texts whose pg_trgm similarity reaches `threshold` (> 0), from the trigram sets the database
 * extracted (`extensions.show_trgm`): shared trigrams / (trigrams of a + trigrams of b − shared), in
 * single precision as pg_trgm computes it. Compared here rather than with `similarity()` in SQL because
 * the embedded database (WebAssembly) spent ~25 µs per pair, and a window of 200 signals has ~20 000
 * pairs. Shared trigrams are counted through an inverted index, so pairs with nothing in common cost
 * nothing (a pair needs shared trigrams to reach any positive threshold).
 */
export function similarPairs<T extends { id: string; trigrams: string[] }>(
  items: T[],
  threshold: number,
): { a: string; b: string }[] {
  const codes = new Map<string, number>();
  const sets = items.map((item) => {
    const ids = new Set<number>();
    for (const t of item.trigrams) {
      let code = codes.get(t);
      if (code === undefined) codes.set(t, (code = codes.size));
      ids.add(code);
    }
    return [...ids];
  });
  const postings: number[][] = Array.from({ length: codes.size }, () => []);
  const shared = new Int32Array(items.length);
  const pairs: { a: string; b: string }[] = [];
  for (let i = 0; i < sets.length; i++) {
    const mine = sets[i]!;
    // Every earlier item sharing a trigram with this one, and how many it shares.
    const touched: number[] = [];
    for (const code of mine) {
      for (const j of postings[code]!) {
        if (shared[j] === 0) touched.push(j);
        shared[j] = (shared[j] ?? 0) + 1;
      }
    }
    for (const j of touched) {
      const common = shared[j]!;
      shared[j] = 0;
      if (Math.fround(common / (mine.length + sets[j]!.length - common)) >= threshold) {
        const [x, y] = [items[i]!.id, items[j]!.id];
        pairs.push(x < y ? { a: x, b: y } : { a: y, b: x });
      }
    }
    for (const code of mine) postings[code]!.push(i);
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
  const seen = new Set<string>();
  for (const { a, b } of pairs) {
    for (const id of [a, b]) {
      if (seen.has(id)) continue;
      seen.add(id);
      const root = find(id);
      const group = groups.get(root);
      if (group) group.push(id);
      else groups.set(root, [id]);
    }
  }
  return [...groups.values()];
}
