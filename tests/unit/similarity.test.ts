import { describe, expect, it } from 'vitest';
import { groupPairs, similarPairs } from '~/signals/similarity';

/** Trigram sets as pg_trgm's show_trgm lists them (the database test checks real ones against similarity()). */
const item = (id: string, trigrams: string) => ({ id, trigrams: trigrams.split(' ') });

describe('similar pairs from trigram sets', () => {
  it('keeps a pair at exactly the threshold and drops one just below it', () => {
    // 2 shared of 4 together: 0.5; 2 shared of 5 together: 0.4.
    const pairs = similarPairs([item('a', 'x1 x2 x3'), item('b', 'x1 x2 y1'), item('c', 'x1 x2 z1 z2 z3')], 0.5);
    expect(pairs).toEqual([{ a: 'a', b: 'b' }]);
  });

  it('counts each trigram once however often it is listed, and never pairs empty sets', () => {
    expect(similarPairs([item('a', 'x1 x1 x2'), item('b', 'x1 x2')], 0.5)).toEqual([{ a: 'a', b: 'b' }]);
    expect(similarPairs([{ id: 'a', trigrams: [] }, { id: 'b', trigrams: [] }], 0.5)).toEqual([]);
  });

  it('names each pair with the smaller id first, whatever the order of the window', () => {
    expect(similarPairs([item('z', 't1 t2'), item('m', 't1 t2')], 0.5)).toEqual([{ a: 'm', b: 'z' }]);
  });
});

describe('groups of alike signals', () => {
  it('joins pairs transitively and keeps unrelated groups apart', () => {
    const groups = groupPairs([
      { a: 'a', b: 'b' },
      { a: 'c', b: 'd' },
      { a: 'b', b: 'e' },
      { a: 'e', b: 'f' },
    ]);
    expect(groups.map((g) => [...g].sort())).toEqual([
      ['a', 'b', 'e', 'f'],
      ['c', 'd'],
    ]);
  });

  it('has no groups without pairs', () => {
    expect(groupPairs([])).toEqual([]);
  });
});
