import { beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '~/db/db.server';
import { runAsSystem } from '~/db/with-user.server';
import { loadPlaceFilter, MUNICIPALITY_MATCHES, municipalityNames } from '~/places/queries.server';
import { seededAppWorld } from './app-database';
import { municipalityId, PEOPLE, type Person } from './fixtures';
import { pageRequest, signInCookie } from './sign-in';

/**
 * `/places/municipalities`, what a place filter asks while someone types (issue 18: the filter pages no
 * longer carry all municipalities), and what those pages load instead. Municipalities are public
 * reference data (RLS "anyone reads municipalities"; writes are the admins', rls-foundation.test.ts).
 */
const world = seededAppWorld();

interface Found {
  matches: { id: string; name: string; region_name: string }[];
  total: number;
}

const search = async (q: string, who: Person | 'anon' = 'anon') => {
  const { loader } = await import('~/routes/places.municipalities');
  const cookie = who === 'anon' ? undefined : await signInCookie(PEOPLE[who]);
  const request = pageRequest(`/places/municipalities?${new URLSearchParams({ q })}`, cookie);
  const response = await loader({ request, params: {}, context: {} as never });
  return { response, found: (await response.json()) as Found };
};
const names = (found: Found) => found.matches.map((m) => m.name);

let F: { alkmaar: string; castricum: string; rotterdam: string; regionAlkmaar: string };

beforeAll(async () => {
  F = await runAsSystem(world().database, async (tx) => ({
    alkmaar: await municipalityId(tx, 'Alkmaar'),
    castricum: await municipalityId(tx, 'Castricum'),
    rotterdam: await municipalityId(tx, 'Rotterdam'),
    regionAlkmaar: (
      await tx.selectFrom('regions').select('id').where('name', '=', 'Regio Alkmaar').executeTakeFirstOrThrow()
    ).id,
  }));
});

describe('the municipality search', () => {
  it.each(['anon', 'memberA', 'coordinator', 'reader', 'admin'] as const)(
    'answers %s alike: names with their region, kept a minute by the browser only',
    async (who) => {
      const { response, found } = await search('castr', who);
      expect(response.status).toBe(200);
      expect(response.headers.get('Cache-Control')).toBe('private, max-age=60');
      expect(found).toEqual({
        matches: [{ id: F.castricum, name: 'Castricum', region_name: 'Regio Alkmaar' }],
        total: 1,
      });
    },
  );

  it('says how many match in all, and shows at most a page of them, those starting with the text first', async () => {
    const all = (await search('')).found;
    const count = await runAsSystem(world().database, (tx) =>
      tx
        .selectFrom('municipalities')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(all.total).toBe(Number(count.n));
    expect(all.matches).toHaveLength(MUNICIPALITY_MATCHES);
    // "al": Alkmaar and Almelo start with it, Dalfsen, Rijssen-Holten and others only hold it.
    const al = names((await search('al')).found);
    expect(al.slice(0, 2)).toEqual(['Alkmaar', 'Almelo']);
    expect(al).toContain('Dalfsen');
  });

  it('needs every word, in any order, and ignores accents both ways', async () => {
    expect(names((await search('den capelle')).found)).toEqual(['Capelle aan den IJssel']);
    expect(names((await search('sudwest')).found)).toEqual(['Súdwest-Fryslân']);
    expect(names((await search('FRYSLÂN')).found)).toEqual(['Noardeast-Fryslân', 'Súdwest-Fryslân']);
  });

  it('takes LIKE signs as letters, not as wildcards', async () => {
    expect((await search('%')).found.total).toBe(0);
    expect((await search('_')).found.total).toBe(0);
    expect((await search('\\')).found.total).toBe(0);
  });

  it('answers NUL, control characters and a megabyte of text without an error or unbounded work', async () => {
    expect(names((await search('alk\u0000maar')).found)).toEqual(['Alkmaar']);
    const huge = await search('a'.repeat(1024 * 1024));
    expect(huge.response.status).toBe(200);
    expect(huge.found.total).toBe(0);
  });
});

describe('what a filter page loads instead of every municipality', () => {
  it('names the chosen municipality and lists its region for a browser without JavaScript', async () => {
    const place = await withUser(null, (tx) => loadPlaceFilter(tx, { municipalityId: F.castricum }));
    expect(place.municipality).toEqual({ id: F.castricum, name: 'Castricum' });
    expect(place.inRegion.map((m) => m.name)).toEqual([
      'Alkmaar',
      'Bergen (NH)',
      'Castricum',
      'Dijk en Waard',
      'Heiloo',
      'Uitgeest',
    ]);
    expect(place.regions.map((r) => r.name)).toContain('Regio Rotterdam');
  });

  it('lists the chosen region, nothing without a region, and nothing for an id that names none', async () => {
    const region = await withUser(null, (tx) => loadPlaceFilter(tx, { regionId: F.regionAlkmaar }));
    expect(region.municipality).toBeNull();
    expect(region.inRegion).toHaveLength(6);
    // A region chosen beside a municipality of another region lists the chosen region's.
    const both = await withUser(null, (tx) =>
      loadPlaceFilter(tx, { regionId: F.regionAlkmaar, municipalityId: F.rotterdam }),
    );
    expect(both.municipality?.name).toBe('Rotterdam');
    expect(both.inRegion.map((m) => m.name)).not.toContain('Rotterdam');
    const none = await withUser(null, (tx) => loadPlaceFilter(tx, {}));
    expect(none).toMatchObject({ municipality: null, inRegion: [] });
    const unknown = await withUser(null, (tx) =>
      loadPlaceFilter(tx, { municipalityId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown).toMatchObject({ municipality: null, inRegion: [] });
  });

  it('names the municipalities of a results page by id, leaving out keys that are no id', async () => {
    const named = await withUser(null, (tx) => municipalityNames(tx, [F.alkmaar, 'unknown', F.rotterdam]));
    expect(named).toEqual({ [F.alkmaar]: 'Alkmaar', [F.rotterdam]: 'Rotterdam' });
    expect(await withUser(null, (tx) => municipalityNames(tx, ['unknown']))).toEqual({});
  });
});
