/**
 * Bulk data for the benchmarks, generated in SQL (seconds, not minutes): each function adds one kind of
 * record to a database that already holds the demo, inside the caller's system transaction.
 */
import { sql } from 'kysely';
import type { Tx } from '~/db/with-user.server';

/** `count` advices over the demo pools, indicators, process parts and municipalities, most published. */
export async function generateAdvices(tx: Tx, count: number): Promise<void> {
  // Bulk data: versions are the pool's history of edits, not needed for reading the register. The word
  // counts are made once at the end: kept row by row, 80 000 published advices update the same few
  // hundred search_words rows millions of times in one transaction, which ran for over 45 minutes.
  await sql`alter table public.advices disable trigger advices_record_version`.execute(tx);
  await sql`alter table public.advices disable trigger advices_count_search_words`.execute(tx);
  await sql`
    with pools as (select array_agg(id order by name) as ids from public.pools),
         places as (select array_agg(id order by name) as ids from public.municipalities),
         words as (select array['wachtlijst','helpdesk','taalcafé','werkgever','budgetcoach','huisarts',
           'digid','buddy','tolk','brief','stage','diploma','vrijwilligerswerk','kinderopvang','sportclub',
           'bibliotheek','klantmanager','toeslagen','woning','schulden'] as w)
    insert into public.advices (pool_id, title, insight, opportunities, golden_tips, indicator_codes,
      process_part, addressee_ids, status, visibility, published_at, created_at)
    select pools.ids[1 + n % cardinality(pools.ids)],
           'Advies ' || n || ' over ' || words.w[1 + n % 20] || ' en ' || words.w[1 + (n / 20) % 20],
           '<p>Nieuwkomers vertellen over ' || words.w[1 + (n / 7) % 20] || ': het duurt lang en de ' ||
             words.w[1 + (n / 3) % 20] || ' is moeilijk te vinden. Ervaring nummer ' || n || '.</p>',
           array['Maak de ' || words.w[1 + (n / 11) % 20] || ' beter bereikbaar voor inburgeraars.'],
           array['Vraag het een ervaringsdeskundige.'],
           array[(array['work','housing','education','health','leisure','bonds','bridges','links','language',
             'culture','digital','safety','stability','rights'])[1 + n % 14]],
           (array['brede_intake','pip','map','knm','pvt','leerroute','financial_unburdening','communication','other'])[1 + n % 9],
           array[places.ids[1 + (n * 7) % cardinality(places.ids)]],
           (array['published','responded','implemented','published','draft'])[1 + n % 5],
           case when n % 3 = 0 then 'public' else 'addressed' end,
           case when n % 5 = 4 then null else now() - ((n % 700) || ' days')::interval end,
           now() - ((n % 700) || ' days')::interval
    from generate_series(1, ${count}) n, pools, places, words`.execute(tx);
  await sql`alter table public.advices enable trigger advices_record_version`.execute(tx);
  await sql`alter table public.advices enable trigger advices_count_search_words`.execute(tx);
  // As the migration that made search_words counts them (20261207100000_register_synonyms_and_words).
  await sql`delete from public.search_words`.execute(tx);
  await sql`
    insert into public.search_words (word, advices, public_advices)
    select w, count(*)::int, count(*) filter (where a.visibility = 'public')::int
    from public.advices a, unnest(private.advice_words(a.search_simple)) w
    where a.status in ('published', 'responded', 'implemented')
    group by w`.execute(tx);
}

/**
 * About `answers` questionnaire answers to the demo pool questionnaire (responses spread over its two
 * waves and its region's municipalities) and `signals` triaged signals, each tagged with an indicator.
 * Returns the questionnaire's id.
 */
export async function generateAnswersAndSignals(
  tx: Tx,
  { answers, signals }: { answers: number; signals: number },
): Promise<string> {
  const q = await tx
    .selectFrom('questionnaires')
    .select('id')
    .where('pool_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const questions = await tx
    .selectFrom('questionnaire_questions')
    .select(['id', 'kind'])
    .where('questionnaire_id', '=', q.id)
    .where('kind', '<>', 'open')
    .execute();
  const responses = Math.ceil(answers / questions.length);
  await sql`
    insert into public.questionnaire_responses (wave_id, resume_hash, municipality_id, region_id, locale, started_at, completed_at)
    select w.ids[1 + g % array_length(w.ids, 1)], 'bench-' || g, m.ids[1 + g % array_length(m.ids, 1)], p.region_id, 'nl', now(), now()
    from generate_series(1, ${responses}) g,
      (select array_agg(id order by opens_on) as ids from public.questionnaire_waves where questionnaire_id = ${q.id}) w,
      (select pools.region_id from public.pools join public.questionnaires qq on qq.pool_id = pools.id where qq.id = ${q.id}) p,
      lateral (select array_agg(id order by name) as ids from public.municipalities where region_id = p.region_id) m`.execute(
    tx,
  );
  await sql`
    insert into public.questionnaire_answers (response_id, question_id, scale_value, option_ids)
    select r.id, qq.id,
      case when qq.kind = 'scale' then 1 + abs(hashtext(r.id::text || qq.id::text)) % 5 end,
      case when qq.kind <> 'scale' then array[(select o.id from public.questionnaire_options o where o.question_id = qq.id order by o.position limit 1)] end
    from public.questionnaire_responses r
    cross join public.questionnaire_questions qq
    where r.resume_hash like 'bench-%' and qq.questionnaire_id = ${q.id} and qq.kind <> 'open'`.execute(tx);
  await sql`
    insert into public.signals (reference, channel, received_on, municipality_id, language, body, status)
    select 'EP-B' || lpad(g::text, 6, '0'), 'helpdesk', current_date - (g % 365), m.ids[1 + g % array_length(m.ids, 1)], 'nl',
      (array['Ik begrijp de brief van de gemeente niet', 'Mijn taalles is alleen online', 'Ik zoek al lang een woning',
             'Mijn diploma wordt niet erkend', 'Ik kan niet inloggen met DigiD'])[1 + g % 5] || ' (' || (g % 97) || ')',
      'triaged'
    from generate_series(1, ${signals}) g, (select array_agg(id order by name) as ids from public.municipalities) m`.execute(
    tx,
  );
  await sql`
    insert into public.signal_indicators (signal_id, indicator_code)
    select s.id, (select array_agg(code order by position) from public.indicators)[1 + abs(hashtext(s.id::text)) % 14]
    from public.signals s where s.reference like 'EP-B%'`.execute(tx);
  return q.id;
}

/** Municipalities up to `total`, named "Gemeente N", spread over the regions. */
export async function generateMunicipalities(tx: Tx, total: number): Promise<void> {
  await sql`
    with regions as (select array_agg(id order by name) as ids from public.regions),
         existing as (select count(*)::int as n from public.municipalities)
    insert into public.municipalities (name, region_id)
    select 'Gemeente ' || g, regions.ids[1 + g % cardinality(regions.ids)]
    from existing, regions, generate_series(1, greatest(0, ${total} - existing.n)) g`.execute(tx);
}

/**
 * `count` members ("bench-N@example.org", no password: they are recipients, not visitors), each with a
 * profile and a place in one of the pools whose name is like `pools` (all of them by default).
 */
export async function generateMembers(tx: Tx, count: number, pools = '%'): Promise<void> {
  await sql`
    insert into auth.users (email, email_confirmed_at)
    select 'bench-' || g || '@example.org', now() from generate_series(1, ${count}) g`.execute(tx);
  await sql`
    insert into public.profiles (id, display_name, locale)
    select id, 'Lid ' || split_part(email, '@', 1), (array['nl', 'en', 'ar'])[1 + abs(hashtext(email)) % 3]
    from auth.users where email like 'bench-%@example.org'`.execute(tx);
  await sql`
    with pools as (select array_agg(id order by name) as ids from public.pools where name like ${pools})
    insert into public.pool_memberships (pool_id, user_id, role)
    select pools.ids[1 + (row_number() over (order by u.email))::int % cardinality(pools.ids)], u.id, 'member'
    from auth.users u, pools where u.email like 'bench-%@example.org'`.execute(tx);
}

/**
 * A goal tree for every municipality (goals × 3 outputs × 4 core indicators, `cores` in all) with
 * `years` yearly figures per core indicator up to 2025, direction, unit and two targets each, every
 * core indicator compared with one of `cores` shared measures that has a figure per municipality and
 * year, and under each core indicator two management indicators (one total only, one broken down by
 * "Leerroute": B1, Onderwijs, Z, figures for each value and the total) with a figure per year and a
 * target. Municipalities without inhabitants get some, so the size classes have members. Generated
 * trees are named "Bench-…".
 */
export async function generateMonitoring(tx: Tx, { cores, years }: { cores: number; years: number }): Promise<void> {
  const goals = Math.ceil(cores / 12);
  await sql`update public.municipalities set inhabitants = 5000 + abs(hashtext(name)) % 400000 where inhabitants is null`.execute(
    tx,
  );
  await sql`
    insert into public.data_sources (municipality_id, name, kind)
    select id, 'Bench-DUO', 'register' from public.municipalities`.execute(tx);
  await sql`
    insert into public.municipal_goals (municipality_id, title, position)
    select m.id, 'Bench-doel ' || g, 100 + g from public.municipalities m, generate_series(1, ${goals}) g`.execute(tx);
  await sql`
    insert into public.municipal_outputs (goal_id, title, position)
    select g.id, 'Bench-resultaat ' || o, o
    from public.municipal_goals g, generate_series(1, 3) o where g.title like 'Bench-doel %'`.execute(tx);
  // k numbers a core indicator within its municipality (1..cores), the same k everywhere.
  await sql`
    insert into public.core_indicators (output_id, description, source_id, position)
    select o.id, 'Bench-kernindicator ' || k.k, s.id, c
    from public.municipal_outputs o
    join public.municipal_goals g on g.id = o.goal_id
    join public.data_sources s on s.municipality_id = g.municipality_id and s.name = 'Bench-DUO'
    cross join generate_series(1, 4) c
    cross join lateral (select (g.position - 101) * 12 + (o.position - 1) * 4 + c as k) k
    where g.title like 'Bench-doel %' and k.k <= ${cores}`.execute(tx);
  const bench = sql`(select c.id, split_part(c.description, ' ', 2)::int as k from public.core_indicators c
    where c.description like 'Bench-kernindicator %')`;
  await sql`
    insert into public.core_indicator_indicators (core_indicator_id, indicator_code)
    select b.id, (select array_agg(code order by position) from public.indicators)[1 + b.k % 14] from ${bench} b`.execute(
    tx,
  );
  await sql`
    insert into public.core_indicator_values (core_indicator_id, period_kind, period_start, value, source)
    select b.id, 'year', make_date(2026 - y, 1, 1), 40 + abs(hashtext(b.id::text || y)) % 50, 'manual'
    from ${bench} b, generate_series(1, ${years}) y`.execute(tx);
  await sql`
    insert into public.benchmark_measures (name, unit, direction)
    select 'Bench-maat ' || k, '%', case when k % 4 = 0 then 'lower' else 'higher' end
    from generate_series(1, ${cores}) k`.execute(tx);
  await sql`
    insert into public.core_indicator_measures (core_indicator_id, direction, unit, benchmark_measure_id)
    select b.id, bm.direction, '%', bm.id
    from ${bench} b join public.benchmark_measures bm on bm.name = 'Bench-maat ' || b.k`.execute(tx);
  await sql`
    insert into public.core_indicator_targets (core_indicator_id, due_year, value)
    select b.id, due, 60 + (due - 2027) * 5 from ${bench} b, (values (2027), (2030)) t(due)`.execute(tx);
  await sql`
    insert into public.benchmark_values (measure_id, municipality_id, period_kind, period_start, value, source)
    select bm.id, m.id, 'year', make_date(2026 - y, 1, 1), 30 + abs(hashtext(m.id::text || bm.id::text || y)) % 60, 'import'
    from public.benchmark_measures bm, public.municipalities m, generate_series(1, ${years}) y
    where bm.name like 'Bench-maat %'`.execute(tx);
  await sql`
    insert into public.management_indicators (core_indicator_id, name, source_id, unit, direction, position)
    select b.id, 'Bench-stuurindicator ' || n, c.source_id, '%', 'higher', n
    from ${bench} b join public.core_indicators c on c.id = b.id, generate_series(1, 2) n`.execute(tx);
  // The second of each pair is broken down two ways (as seed 001 splits one figure by route and by type).
  await sql`
    insert into public.management_breakdowns (management_indicator_id, name, categories, position)
    select mi.id, d.name, d.categories, d.position
    from public.management_indicators mi,
      (values ('Leerroute', array['B1', 'Onderwijs', 'Z'], 0), ('Type opleiding', array['Mbo', 'Hbo/wo'], 1))
        d(name, categories, position)
    where mi.name = 'Bench-stuurindicator 2'`.execute(tx);
  await sql`
    insert into public.management_indicator_targets (management_indicator_id, due_year, value)
    select id, 2028, 75 from public.management_indicators where name like 'Bench-stuurindicator %'`.execute(tx);
  await sql`
    insert into public.management_indicator_values
      (management_indicator_id, period_kind, period_start, breakdown_id, breakdown_value, value, source)
    select mi.id, 'year', make_date(2026 - y, 1, 1), bv.dimension, bv.v,
      30 + abs(hashtext(mi.id::text || coalesce(bv.dimension::text, '') || bv.v || y)) % 60, 'manual'
    from public.management_indicators mi
    cross join generate_series(1, ${years}) y
    cross join lateral (
      select null::uuid as dimension, '' as v
      union all
      select b.id, c from public.management_breakdowns b, unnest(b.categories) c where b.management_indicator_id = mi.id
    ) bv
    where mi.name like 'Bench-stuurindicator %'`.execute(tx);
}
