import { describe, expect, it } from 'vitest';
import { groupPairs, similarPairs } from '~/signals/similarity';

/** Trigram sets as pg_trgm's show_trgm lists them (the database test checks real ones against similarity()). */
const item = (trigrams: string) => ({ trigrams: trigrams.split(' ') });

describe('similar pairs from trigram sets', () => {
  it('keeps a pair at exactly the threshold and drops one just below it', () => {
    // 2 shared of 4 together: 0.5; 2 shared of 5 together: 0.4.
    const pairs = similarPairs([item('x1 x2 x3'), item('x1 x2 y1'), item('x1 x2 z1 z2 z3')], 0.5);
    expect(pairs).toEqual([[0, 1]]);
  });

  it('counts each trigram once however often it is listed, and never pairs empty sets', () => {
    expect(similarPairs([item('x1 x1 x2'), item('x1 x2')], 0.5)).toEqual([[0, 1]]);
    expect(similarPairs([{ trigrams: [] }, { trigrams: [] }], 0.5)).toEqual([]);
  });

  it('names each pair by position, the earlier first', () => {
    expect(similarPairs([item('t1 t2'), item('u1'), item('t1 t2')], 0.5)).toEqual([[0, 2]]);
  });

  it('finds exactly the pairs a comparison of every pair finds', () => {
    // Texts from a few templates with shared words and some noise, like signals in a window.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const common = Array.from({ length: 12 }, (_, k) => `c${k}`);
    const templates = Array.from({ length: 6 }, (_, t) => Array.from({ length: 25 }, (_, k) => `t${t}-${k}`));
    const items = Array.from({ length: 150 }, () => {
      const template = templates[Math.floor(random() * templates.length)]!;
      const words = [...common, ...template].filter(() => random() > 0.3);
      for (let n = Math.floor(random() * 8); n > 0; n--) words.push(`x${Math.floor(random() * 60)}`);
      return { trigrams: words };
    });
    for (const threshold of [0.3, 0.5, 0.7]) {
      const everyPair: [number, number][] = [];
      for (let i = 0; i < items.length; i++)
        for (let j = 0; j < i; j++) {
          const a = new Set(items[j]!.trigrams);
          const b = new Set(items[i]!.trigrams);
          const shared = [...a].filter((t) => b.has(t)).length;
          if (shared > 0 && Math.fround(shared / (a.size + b.size - shared)) >= threshold) everyPair.push([j, i]);
        }
      const key = (pairs: [number, number][]) => pairs.map(([a, b]) => `${a}-${b}`).sort();
      expect(everyPair.length).toBeGreaterThan(0);
      expect(key(similarPairs(items, threshold))).toEqual(key(everyPair));
    }
  });
});

describe('groups of alike signals', () => {
  it('joins pairs transitively and keeps unrelated groups apart', () => {
    // Position 6 is in no pair, so in no group.
    const groups = groupPairs(7, [
      [0, 1],
      [2, 3],
      [1, 4],
      [4, 5],
    ]);
    expect(groups).toEqual([
      [0, 1, 4, 5],
      [2, 3],
    ]);
  });

  it('has no groups without pairs', () => {
    expect(groupPairs(3, [])).toEqual([]);
  });
});
