import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate, readMigrations } from '~/db/migrate.server';
import { referenceSeedSql, SEED_FILE } from '~/demo/reference-seed.server';
import { REGIONS } from '~/demo/places';
import { direction, LOCALES } from '~/i18n/locales';
import { adminQuery, createDatabase } from './admin-query';
import { freshDatabase } from './database';

/** supabase/: what `supabase start`, `supabase db reset` and `supabase db push` read. */

async function counts(database: Database) {
  const { rows } = await sql<{ regions: number; municipalities: number; indicators: number; people: number }>`
    select (select count(*)::int from public.regions) as regions,
           (select count(*)::int from public.municipalities) as municipalities,
           (select count(*)::int from public.indicators) as indicators,
           (select count(*)::int from auth.users) + (select count(*)::int from public.profiles) as people`.execute(
    database.db,
  );
  return rows[0]!;
}

const EXPECTED = {
  regions: REGIONS.length,
  municipalities: REGIONS.flatMap((region) => region.municipalities).length,
  indicators: 14,
  people: 0,
};

describe('supabase/seed.sql', () => {
  it('is what npm run db:seed writes from app/demo/places.ts and the migrations', async () => {
    const database = await freshDatabase();
    try {
      expect(await readFile(SEED_FILE, 'utf8'), 'supabase/seed.sql is out of date: run npm run db:seed').toBe(
        await referenceSeedSql(database.db),
      );
    } finally {
      await database.close();
    }
  });

  it('gives a migrated database the regions, municipalities and 14 indicators and no people, also when run twice', async () => {
    const database = await freshDatabase();
    try {
      const seed = await readFile(SEED_FILE, 'utf8');
      await database.scriptTransaction((run) => run.exec(seed));
      expect(await counts(database)).toEqual(EXPECTED);
      await database.scriptTransaction((run) => run.exec(seed));
      expect(await counts(database)).toEqual(EXPECTED);
      const { rows } = await sql<{ name: string }>`
        select m.name from public.municipalities m join public.regions r on r.id = m.region_id
        where r.slug = 'friesland' and m.name = 'Súdwest-Fryslân'`.execute(database.db);
      expect(rows).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  // As on a hosted project: the Supabase platform owns auth and the roles; migrations and seed run as
  // `postgres`, the database's owner, which is no superuser there. Skipped without TEST_DATABASE_URL:
  // it creates a role and a fresh database, which an in-memory PGlite (one superuser, one database) has
  // not; `npm test` in CI sets it, and there it runs.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'applies after every migration as a non-superuser owner on a fresh Postgres database',
    async () => {
      const serverUrl = process.env.TEST_DATABASE_URL!;
      const suffix = randomBytes(5).toString('hex');
      const owner = `t_owner_${suffix}`;
      const password = randomBytes(12).toString('hex');
      await adminQuery(
        serverUrl,
        `create role ${owner} login nosuperuser nocreatedb nocreaterole password '${password}'`,
      );
      const url = await createDatabase(serverUrl, `t_seed_${suffix}`);
      let database: Database | null = null;
      try {
        await adminQuery(url, `alter database t_seed_${suffix} owner to ${owner}`);
        // The platform's part, done by a superuser: auth, the API roles, and what `postgres` may do with them.
        await adminQuery(url, await readFile('supabase/bootstrap.sql', 'utf8'));
        await adminQuery(
          url,
          `grant anon, authenticated, service_role to ${owner};
           grant usage on schema auth to ${owner};
           grant all on all tables in schema auth to ${owner};
           grant execute on all functions in schema auth to ${owner};
           alter schema public owner to ${owner};`,
        );
        const asOwner = Object.assign(new URL(url), { username: owner, password }).toString();
        database = await openDatabase({ url: asOwner });
        const { rows } = await sql<{ rolsuper: boolean }>`
          select rolsuper from pg_roles where rolname = current_user`.execute(database.db);
        expect(rows[0]?.rolsuper).toBe(false);
        expect(await migrate(database)).toHaveLength((await readMigrations()).length);
        const seed = await readFile(SEED_FILE, 'utf8');
        await database.scriptTransaction((run) => run.exec(seed));
        expect(await counts(database)).toEqual(EXPECTED);
      } finally {
        await database?.close();
        await adminQuery(serverUrl, `drop database if exists t_seed_${suffix} with (force)`);
        await adminQuery(serverUrl, `drop role if exists ${owner}`);
      }
    },
  );
});

/** The few lines of config.toml the test reads: `[section]` and `key = value` (strings, numbers, arrays of strings). */
function readToml(text: string): Record<string, Record<string, unknown>> {
  const sections: Record<string, Record<string, unknown>> = { '': {} };
  let current = sections['']!;
  for (const line of text.split('\n').map((l) => l.trim())) {
    const header = /^\[([\w.]+)\]$/.exec(line);
    if (header) current = sections[header[1]!] = {};
    const pair = /^(\w+)\s*=\s*(.+)$/.exec(line);
    if (pair) current[pair[1]!] = JSON.parse(pair[2]!);
  }
  return sections;
}

describe('supabase/config.toml', () => {
  const KINDS = ['invite', 'confirmation', 'recovery', 'magic_link'];

  it('names the project, a supported Postgres, the seed, and the app callback among the redirect URLs', async () => {
    const config = readToml(await readFile('supabase/config.toml', 'utf8'));
    expect(config['']!.project_id).toBe('expertpool');
    expect([15, 17]).toContain(config.db!.major_version);
    expect(config['db.seed']).toMatchObject({ enabled: true, sql_paths: ['./seed.sql'] });
    expect(config.auth!.site_url).toBe('http://localhost:3000');
    expect(config.auth!.additional_redirect_urls).toContain('http://localhost:3000/auth/callback**');
    // The app never uses the Data API (docs/security.md).
    expect(config.api!.enabled).toBe(false);
  });

  it.each(KINDS)(
    'has a %s mail in every interface language, chosen by the locale in the user metadata',
    async (kind) => {
      const config = readToml(await readFile('supabase/config.toml', 'utf8'));
      const template = config[`auth.email.template.${kind}`]!;
      expect(template.subject).toMatch(/Expertpool|e-mail/);
      const file = path.resolve(String(template.content_path));
      expect(existsSync(file), String(template.content_path)).toBe(true);
      const html = await readFile(file, 'utf8');
      for (const language of LOCALES) {
        expect(html).toContain(`{{ define "${language}" }}`);
        expect(html).toContain(`<div lang="${language}"${direction(language) === 'rtl' ? ' dir="rtl"' : ''}>`);
        expect(html).toContain(`(eq .Data.locale "${language}") }}{{ template "${language}" . }}`);
      }
      // Every language block carries the link (an invitation's goes to /auth/callback with the token hash,
      // app/auth/README.md), and each `define`/`if` has its `end`.
      const link =
        kind === 'invite' ? '{{ .RedirectTo }}&token_hash={{ .TokenHash }}&type=invite' : '{{ .ConfirmationURL }}';
      expect(html.split(`href="${link}"`)).toHaveLength(LOCALES.length + 1);
      // An address inside an Arabic or Farsi sentence reads left to right in an isolate of its own.
      expect(html.replaceAll('<bdi dir="ltr">{{ .Email }}</bdi>', '')).not.toContain('{{ .Email }}');
      const opened = html.match(/\{\{ (define|if) /g)?.length ?? 0;
      expect(html.match(/\{\{ end \}\}/g)?.length).toBe(opened);
    },
  );
});
