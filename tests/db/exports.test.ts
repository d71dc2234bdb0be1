import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorNames } from '~/indicators/framework';
import { registerCsv } from '~/advice/export.server';
import { listIndicators } from '~/indicators/queries.server';
import { parseRegisterFilters } from '~/advice/schema.server';
import { exportRegister } from '~/advice/search.server';
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
        Promise.all([exportRegister(tx, parseRegisterFilters(new URLSearchParams())), listIndicators(tx)]),
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
        return searchMembers(tx, {});
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
