import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_DOMAINS, indicatorNames } from '~/indicators/framework';
import { registerCsv } from '~/advice/export.server';
import { listIndicators } from '~/indicators/queries.server';
import { parseRegisterFilters } from '~/advice/schema.server';
import { loadRegisterExport } from '~/advice/register.server';
import { registerSelection, searchRegister } from '~/advice/search.server';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { i18nFor } from '~/i18n/i18n';
import { LOCALES } from '~/i18n/locales';
import { monitoringCsv, templateCsv } from '~/monitoring/export.server';
import { listCoreIndicators, loadMonitoring } from '~/monitoring/queries.server';
import { listSearchablePools, searchMembers } from '~/people/directory.server';
import { membersCsv } from '~/people/export.server';
import { safeRecords } from '../exported-csv';
import { freshDatabase } from './database';
import { worldOf, type Actor, type World } from './fixtures';

/** Every CSV the app produces, made from the demo data by the queries the download routes use. */
let world: World;
let close: () => Promise<void>;
let alkmaar: string;

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
/** The actor as the export routes pass them on (getUser). */
const userOf = (actor: Actor) => {
  const claims = world.claims(actor);
  return claims ? { id: claims.sub, email: claims.email, name: claims.email } : null;
};

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  alkmaar = await runAsSystem(database, (tx) =>
    tx
      .selectFrom('municipalities')
      .select('id')
      .where('name', '=', 'Alkmaar')
      .executeTakeFirstOrThrow()
      .then((m) => m.id),
  );
});
afterAll(() => close());

describe('exports of the demo data parse back into whole, safe records', () => {
  for (const actor of ['anon', 'reader', 'coordinator', 'admin'] as const) {
    it(`the advice register, as ${actor}, in every language`, async () => {
      const [rows, indicators] = await as(actor, (tx) =>
        Promise.all([
          loadRegisterExport(tx, userOf(actor), parseRegisterFilters(new URLSearchParams())),
          listIndicators(tx),
        ]),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        const csv = registerCsv(rows, i18nFor(locale).t, 'http://localhost', indicatorNames(indicators, locale));
        expect(safeRecords(csv)).toHaveLength(rows.length + 1);
      }
    });
  }

  for (const actor of ['coordinator', 'admin'] as const) {
    it(`the member search, as ${actor}`, async () => {
      const members = await as(actor, async (tx) => {
        expect((await listSearchablePools(tx)).length).toBeGreaterThan(0);
        return (await searchMembers(tx, {}))!;
      });
      expect(members.length).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        expect(safeRecords(membersCsv(members, i18nFor(locale).t))).toHaveLength(members.length + 1);
      }
    });
  }

  for (const actor of ['reader', 'coordinator'] as const) {
    it(`Alkmaar's monitoring with its questionnaire scores and signals, as ${actor}`, async () => {
      for (const locale of LOCALES) {
        const monitoring = await as(actor, (tx) => loadMonitoring(tx, alkmaar, locale));
        const records = safeRecords(monitoringCsv(monitoring, i18nFor(locale).t, 'http://localhost'));
        const kinds = new Set(records.slice(1).map((record) => record[5]));
        expect(kinds.size).toBe(4);
      }
    });
  }

  it("Alkmaar's import template", async () => {
    const cores = await as('reader', (tx) => listCoreIndicators(tx, alkmaar));
    expect(safeRecords(templateCsv(cores, 2026))).toHaveLength(cores.length + 1);
  });
});

describe("the register's export", () => {
  const newest = sql`a.published_at desc nulls first, a.created_at desc, a.id`;
  const facilitators = INDICATOR_DOMAINS.find((d) => d.domain === 'facilitators')!.codes;
  // Each selection with its conditions and order spelled out, for a reference query independent of the
  // register's own (the wide form the export used before it chose its rows on narrow ones).
  const cases: { query: Record<string, string>; where: RawBuilder<unknown>; order: RawBuilder<unknown> }[] = [
    { query: { q: 'taal' }, where: sql`true`, order: sql`rank desc, ${newest}` },
    {
      query: { q: 'taal', domain: 'facilitators', status: 'published' },
      where: sql`a.indicator_codes && ${facilitators}::text[] and a.status = 'published'`,
      order: sql`rank desc, ${newest}`,
    },
    { query: {}, where: sql`true`, order: newest },
  ];

  for (const actor of ['reader', 'memberA', 'anon'] as const) {
    it(`holds the selection's rows in the register's order, as ${actor}`, async () => {
      for (const { query, where, order } of cases) {
        const label = `${actor}: ${JSON.stringify(query)}`;
        const { exported, capped, reference, page } = await as(actor, async (tx) => {
          const filters = parseRegisterFilters(new URLSearchParams(query));
          const { search } = await registerSelection(tx, filters);
          const rank = search
            ? sql`ts_rank(a.search_vector, ${search.dutch}::tsquery) + 0.5 * ts_rank(a.search_simple, ${search.simple}::tsquery)`
            : sql`0::real`;
          const matches = search
            ? sql`(a.search_vector @@ ${search.dutch}::tsquery or a.search_simple @@ ${search.simple}::tsquery)`
            : sql`true`;
          const reference = await sql<{ id: string }>`
            select a.id, a.title, a.insight, a.opportunities, a.golden_tips, a.indicator_codes, a.process_part,
                   a.status, a.visibility, a.published_at, a.created_at, ${rank} as rank,
                   private.pool_name(a.pool_id) as pool_name,
                   latest.decision as latest_decision, latest.explanation as latest_explanation
            from public.register_advices a
            left join lateral (
              select r.decision, r.explanation from public.advice_responses r
              where r.advice_id = a.id order by r.created_at desc limit 1
            ) latest on true
            where ${matches} and ${where}
            order by ${order}`.execute(tx);
          return {
            exported: await loadRegisterExport(tx, userOf(actor), filters),
            capped: await loadRegisterExport(tx, userOf(actor), filters, 3),
            reference: reference.rows,
            page: await searchRegister(tx, await registerSelection(tx, filters), { limit: 10, offset: 0 }),
          };
        });
        expect(reference.length, label).toBeGreaterThan(3);
        expect(exported, label).toEqual(reference);
        expect(capped, label).toEqual(reference.slice(0, 3));
        expect(
          exported.slice(0, page.length).map((r) => r.id),
          label,
        ).toEqual(page.map((r) => r.id));
      }
    });
  }
});
