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
