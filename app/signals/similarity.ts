/**
 * Pairs of texts whose pg_trgm similarity reaches `threshold` (> 0), as positions in `items` (earlier
 * first), from the trigram sets the database extracted (`extensions.show_trgm`): shared trigrams /
 * (trigrams of a + trigrams of b − shared), in single precision as pg_trgm computes it. Compared here rather than with `similarity()` in SQL because
 * the embedded database (WebAssembly) spent ~25 µs per pair, and a window of 200 signals has ~20 000
 * pairs. Shared trigrams are counted through an inverted index, so pairs with nothing in common cost
 * nothing (a pair needs shared trigrams to reach any positive threshold).
 */
export function similarPairs(items: { trigrams: string[] }[], threshold: number): [number, number][] {
  const codes = new Map<string, number>();
  // Which item last listed a code: each trigram counts once however often an item lists it.
  const lastItem: number[] = [];
  const sets = items.map((item, i) => {
    const ids: number[] = [];
    for (const t of item.trigrams) {
      let code = codes.get(t);
      if (code === undefined) codes.set(t, (code = codes.size));
      if (lastItem[code] === i) continue;
      lastItem[code] = i;
      ids.push(code);
    }
    return ids;
  });
  const postings: number[][] = Array.from({ length: codes.size }, () => []);
  const shared = new Int32Array(items.length);
  const pairs: [number, number][] = [];
  for (let i = 0; i < sets.length; i++) {
    const mine = sets[i]!;
    // Every earlier item sharing a trigram with this one, and how many it shares.
    const touched: number[] = [];
    for (const code of mine) {
      for (const j of postings[code]!) {
        if (shared[j] === 0) touched.push(j);
        shared[j]! += 1;
      }
    }
    for (const j of touched) {
      const common = shared[j]!;
      shared[j] = 0;
      if (Math.fround(common / (mine.length + sets[j]!.length - common)) >= threshold) pairs.push([j, i]);
    }
    for (const code of mine) postings[code]!.push(i);
  }
  return pairs;
}

/**
 * Groups joined transitively (union-find over the positions): every item reachable through a pair is in
 * one group; items without a pair are in none. Each group lists positions in ascending order.
 */
export function groupPairs(count: number, pairs: [number, number][]): number[][] {
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const paired = new Uint8Array(count);
  for (const [a, b] of pairs) {
    paired[a] = paired[b] = 1;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    if (!paired[i]) continue;
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}
