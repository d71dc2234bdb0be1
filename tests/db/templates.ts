import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { adminQuery, createDatabase } from './admin-query';

/**
 * Vitest global setup of the database projects: migrates one database, and one more with the demo
 * data, once per run; each test file then starts from a copy (a PGlite dump, or `create database …
 * template …` on the Postgres server) instead of running every migration and the seed again. That
 * was most of the suite's CPU, and on a loaded machine it pushed set-up hooks past their timeout.
 */
export interface DatabaseTemplates {
  /** PGlite dumps (files), or the Postgres template databases' names. */
  migrated: string;
  demo: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

export default async function setup(project: TestProject) {
  // The seed signs things with the session secret (anonymous card authors): use the tests' settings,
  // which vitest gives only to the workers, before the app's modules read them (hence the imports below).
  Object.assign(process.env, project.config.env);
  const serverUrl = process.env.TEST_DATABASE_URL;
  const { templates, remove } = serverUrl ? await postgresTemplates(serverUrl) : await pgliteTemplates();
  project.provide('databaseTemplates', templates);
  return remove;
}

/** The app's database modules, loaded after the tests' settings are in place. */
const app = async () => ({
  ...(await import('~/db/connection.server')),
  ...(await import('~/db/migrate.server')),
  ...(await import('~/demo/index.server')),
});

async function pgliteTemplates() {
  const { openDatabase, migrate, seedDemo } = await app();
  const dir = await mkdtemp(path.join(tmpdir(), 'expertpool-templates-'));
  const templates = { migrated: path.join(dir, 'migrated.tar'), demo: path.join(dir, 'demo.tar') };
  const database = await openDatabase({});
  const dump = async (file: string) =>
    writeFile(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await migrate(database);
  await dump(templates.migrated);
  await seedDemo(database);
  await dump(templates.demo);
  await database.close();
  return { templates, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function postgresTemplates(serverUrl: string) {
  const { openDatabase, migrate, seedDemo } = await app();
  const prefix = `tmpl_${randomBytes(4).toString('hex')}`;
  const templates = { migrated: `${prefix}_migrated`, demo: `${prefix}_demo` };
  const migrated = await openDatabase({ url: await createDatabase(serverUrl, templates.migrated) });
  await migrate(migrated);
  await migrated.close();
  const demo = await openDatabase({ url: await createDatabase(serverUrl, templates.demo, templates.migrated) });
  await seedDemo(demo);
  await demo.close();
  return {
    templates,
    remove: async () => {
      for (const name of Object.values(templates))
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
