import { matchPath, matchRoutes, type AgnosticRouteObject } from '@remix-run/router';
import { describe, expect, it } from 'vitest';

/**
 * patches/@remix-run+router+*.patch keeps each path's regular expression and each route array's ranked
 * branches instead of computing them at every match. These are the ways a cache could answer wrongly:
 * one path compiled with other options, and a later match on the same array. The last case fails
 * without the patch, so a lost patch shows here and not only in the benchmarks.
 */
describe('route matching with the patched router', () => {
  it('keeps the expressions of one path apart by case sensitivity and by matching to the end or not', () => {
    expect(matchPath({ path: '/pools/:id', caseSensitive: true }, '/Pools/1')).toBeNull();
    expect(matchPath({ path: '/pools/:id' }, '/Pools/1')?.params).toEqual({ id: '1' });
    expect(matchPath({ path: '/pools/:id', caseSensitive: true }, '/Pools/1')).toBeNull();
    expect(matchPath({ path: '/pools', end: false }, '/pools/1/edit')?.pathname).toBe('/pools');
    expect(matchPath({ path: '/pools' }, '/pools/1/edit')).toBeNull();
    expect(matchPath({ path: '/pools', end: false }, '/pools/1/edit')?.pathname).toBe('/pools');
  });

  it('matches every URL against the same array as it would the first time, ranked as before', () => {
    const routes: AgnosticRouteObject[] = [
      {
        id: 'root',
        path: '',
        children: [
          { id: 'splat', path: '*' },
          { id: 'pool', path: 'pools/:poolId' },
          { id: 'new-pool', path: 'pools/new' },
          { id: 'home', index: true },
        ],
      },
    ];
    const leaf = (url: string) => matchRoutes(routes, url)?.at(-1)?.route.id;
    for (let round = 0; round < 2; round++) {
      expect(leaf('/')).toBe('home');
      expect(leaf('/pools/new')).toBe('new-pool');
      expect(leaf('/pools/7')).toBe('pool');
      expect(leaf('/elsewhere/deep')).toBe('splat');
      expect(matchRoutes(routes, '/pools/7')?.at(-1)?.params).toEqual({ poolId: '7' });
    }
  });

  it("keeps an array's ranking: a route pushed into it later is not seen (only patchRoutes adds routes)", () => {
    const routes: AgnosticRouteObject[] = [{ id: 'pools', path: 'pools' }];
    expect(matchRoutes(routes, '/sessions')).toBeNull();
    routes.push({ id: 'sessions', path: 'sessions' });
    // Unpatched, the router ranks the array anew at every match and finds the new route.
    expect(matchRoutes(routes, '/sessions')).toBeNull();
    expect(matchRoutes([...routes], '/sessions')?.at(-1)?.route.id).toBe('sessions');
  });
});
