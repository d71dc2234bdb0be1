import { sourceForName } from '~/advice/data-sources.server';
import type { AdviceStatus, ResponseDecision } from '~/db/types';
import type { Tx } from '~/db/with-user.server';
import { ADVICE_TEMPLATES, EVIDENCE, RESPONSE_TEXTS } from './advice-texts';

/** Titles of the hand-written advices the tests rely on (the generated ones never use these). */
export const FIXED_ADVICE = {
  helpdesk: 'Overheidsdiensten zijn moeilijk bereikbaar, voor nieuwkomers nog meer',
  inReview: 'Een Brede Intake in één gesprek is te veel',
  draft: 'Uitleg over het PIP in de eigen taal',
  twenteAddressed: 'Een budgetcoach vanaf de eerste maand',
  twentePublic: 'Een taalcafé in de bibliotheek op zaterdag',
  regionAlkmaar: 'Werkgevers eerder betrekken bij de MAP',
  twenteDraft: 'Een buddy bij het eerste bezoek aan het UWV',
} as const;

const GENERATED_COUNT = 320;
const DAY = 86_400_000;

/** A small deterministic generator, so the demo looks the same on every machine. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

interface Context {
  pools: Map<string, { id: string; regionId: string | null; members: string[]; coordinator: string | null }>;
  municipalities: Map<string, { id: string; regionId: string }>;
  municipalitiesByRegion: Map<string, string[]>;
  organisations: Map<string, string>;
  readerByMunicipality: Map<string, string>;
}

/** Advice register demo data: a few hand-written advices and a few hundred generated ones. */
export async function seedAdvice(tx: Tx): Promise<void> {
  const done = await tx
    .selectFrom('advices')
    .select('id')
    .where('title', '=', FIXED_ADVICE.helpdesk)
    .executeTakeFirst();
  if (done) return;
  const context = await loadContext(tx);
  if (!context.pools.has('alkmaar')) return;
  await seedGoalTrees(tx, context);
  await seedFixedAdvice(tx, context);
  await seedGeneratedAdvice(tx, context);
}

async function loadContext(tx: Tx): Promise<Context> {
  const [pools, memberships, municipalities, organisations, readers] = await Promise.all([
    tx.selectFrom('pools').select(['id', 'name', 'region_id']).execute(),
    tx.selectFrom('pool_memberships').select(['pool_id', 'user_id', 'role']).orderBy('joined_at').execute(),
    tx.selectFrom('municipalities').select(['id', 'name', 'region_id']).execute(),
    tx.selectFrom('organisations').select(['id', 'name']).execute(),
    tx.selectFrom('municipality_readers').select(['user_id', 'municipality_id']).execute(),
  ]);
  const keyOf = (name: string) =>
    ['Alkmaar', 'Twente', 'Rotterdam', 'Zwolle', 'Friesland'].find((k) => name.includes(k))?.toLowerCase() ??
    (name.includes('Landelijke') ? 'national' : name);
  const poolMap: Context['pools'] = new Map();
  for (const pool of pools) {
    const mine = memberships.filter((m) => m.pool_id === pool.id);
    poolMap.set(keyOf(pool.name), {
      id: pool.id,
      regionId: pool.region_id,
      members: mine.filter((m) => m.role === 'member').map((m) => m.user_id),
      coordinator: mine.find((m) => m.role === 'coordinator')?.user_id ?? null,
    });
  }
  const municipalitiesByRegion = new Map<string, string[]>();
  for (const m of municipalities) {
    municipalitiesByRegion.set(m.region_id, [...(municipalitiesByRegion.get(m.region_id) ?? []), m.id]);
  }
  return {
    pools: poolMap,
    municipalities: new Map(municipalities.map((m) => [m.name, { id: m.id, regionId: m.region_id }])),
    municipalitiesByRegion,
    organisations: new Map(organisations.map((o) => [o.name, o.id])),
    readerByMunicipality: new Map(readers.map((r) => [r.municipality_id, r.user_id])),
  };
}

/** Alkmaar's own goals, outputs and core indicators, in the manner of seed 001 (written fresh). */
async function seedGoalTrees(tx: Tx, context: Context) {
  const alkmaar = context.municipalities.get('Alkmaar')!.id;
  const tree = [
    {
      goal: 'Meedoen naar vermogen: werk, opleiding of vrijwilligerswerk',
      outputs: [
        {
          title: 'Werk',
          description: 'Inburgeraars die kunnen werken, hebben binnen drie jaar werk dat bij hen past.',
          cores: [
            {
              description: '% inburgeraars met betaald werk na drie jaar',
              source: 'CBS-microdata en gemeentelijke registratie',
            },
            { description: 'Ervaren passendheid van het werk', source: 'Ervaringsdata: gesprekken met de expertpool' },
          ],
        },
        {
          title: 'Opleiding',
          description: 'Wie dat wil, begint binnen drie jaar aan een opleiding die aansluit bij eerder leren.',
          cores: [{ description: '% inburgeraars gestart met een opleiding, naar type', source: 'DUO' }],
        },
      ],
    },
    {
      goal: 'Nederlands leren en gebruiken in het dagelijks leven',
      outputs: [
        {
          title: 'Taal',
          description: 'Inburgeraars ronden de leerroute af op het hoogst haalbare niveau.',
          cores: [
            { description: '% inburgeraars dat de leerroute binnen de termijn afrondt', source: 'DUO' },
            {
              description: 'Zelf ervaren taalvaardigheid in contact met instanties',
              source: 'Ervaringsdata: enquête na één jaar',
            },
          ],
        },
      ],
    },
    {
      goal: 'De weg vinden in Alkmaar',
      outputs: [
        {
          title: 'Financiële zelfredzaamheid',
          description: 'Inburgeraars hebben na de ontzorgingsperiode geen betalingsachterstanden.',
          cores: [
            {
              description: '% inburgeraars zonder schulden na de ontzorging',
              source: 'Gemeentelijke schuldhulpregistratie',
            },
          ],
        },
      ],
    },
  ];
  for (const [goalIndex, item] of tree.entries()) {
    const goal = await tx
      .insertInto('municipal_goals')
      .values({ municipality_id: alkmaar, title: item.goal, position: goalIndex })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [outputIndex, output] of item.outputs.entries()) {
      const row = await tx
        .insertInto('municipal_outputs')
        .values({ goal_id: goal.id, title: output.title, description: output.description, position: outputIndex })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [i, c] of output.cores.entries()) {
        const sourceId = await sourceForName(tx, row.id, c.source);
        await tx
          .insertInto('core_indicators')
          .values({ output_id: row.id, description: c.description, source_id: sourceId, position: i })
          .execute();
      }
    }
  }
}

async function seedFixedAdvice(tx: Tx, context: Context) {
  const alkmaarPool = context.pools.get('alkmaar')!;
  const twentePool = context.pools.get('twente')!;
  const alkmaar = context.municipalities.get('Alkmaar')!;
  const enschede = context.municipalities.get('Enschede')!.id;
  const hengelo = context.municipalities.get('Hengelo')!.id;
  const lid = await userId(tx, 'lid@demo.expertpool.nl');
  const amal = await userId(tx, 'amal@demo.expertpool.nl');
  const reza = await userId(tx, 'reza@demo.expertpool.nl');
  const tesfay = await userId(tx, 'tesfay@demo.expertpool.nl');
  const now = Date.now();

  const rows = await tx
    .insertInto('advices')
    .values([
      {
        pool_id: alkmaarPool.id,
        created_by: amal,
        title: FIXED_ADVICE.helpdesk,
        insight:
          '<p>Slecht bereikbare overheidsdiensten zijn al lastig voor wie hier geboren is. Voor nieuwkomers is het nog moeilijker: ' +
          'een keuzemenu in snel Nederlands, wachttijden van een half uur en geen terugbelmoment.</p>',
        opportunities: ['Investeer in een eigen helpdesk voor inburgeraars, bereikbaar via chat én telefoon.'],
        golden_tips: [
          'Eén nummer, één naam: laat mensen steeds dezelfde persoon spreken.',
          'Bel terug op een afgesproken tijd.',
        ],
        indicator_codes: ['links', 'language'],
        process_part: 'communication',
        addressee_ids: [alkmaar.id, context.organisations.get('VNG')!],
        status: 'published',
        visibility: 'public',
        published_at: new Date(now - 40 * DAY),
      },
      {
        pool_id: alkmaarPool.id,
        created_by: tesfay,
        title: FIXED_ADVICE.inReview,
        insight:
          '<p>In één gesprek van een uur komen werk, taal, gezondheid en geld langs. Na afloop weet niemand meer wat er is afgesproken.</p>',
        opportunities: ['Verdeel de Brede Intake over twee gesprekken met een week ertussen.'],
        golden_tips: ['Stuur de afspraken na afloop op, met een foto van wat er op het whiteboard stond.'],
        indicator_codes: ['language', 'stability'],
        process_part: 'brede_intake',
        addressee_ids: [alkmaar.id],
        status: 'in_review',
      },
      {
        pool_id: alkmaarPool.id,
        created_by: lid,
        title: FIXED_ADVICE.draft,
        insight: '<p>Het PIP is een Nederlands document; wie het niet begrijpt, tekent toch.</p>',
        opportunities: ['Geef een uitleg van het PIP in de eigen taal, op papier en als geluidsfragment.'],
        indicator_codes: ['language', 'rights'],
        process_part: 'pip',
        addressee_ids: [alkmaar.id],
        status: 'draft',
      },
      {
        pool_id: twentePool.id,
        created_by: reza,
        title: FIXED_ADVICE.twenteAddressed,
        insight:
          '<p>De eerste maand na de verhuizing komen alle rekeningen tegelijk; wie er één mist, raakt achter.</p>',
        opportunities: ['Bied vanaf de eerste maand een budgetcoach aan die de vaste lasten samen regelt.'],
        golden_tips: ['Een overzicht van alle vaste lasten op één A4.'],
        indicator_codes: ['stability', 'housing'],
        process_part: 'financial_unburdening',
        addressee_ids: [enschede],
        status: 'published',
        visibility: 'addressed',
        published_at: new Date(now - 20 * DAY),
      },
      {
        pool_id: twentePool.id,
        created_by: reza,
        title: FIXED_ADVICE.twentePublic,
        insight: '<p>Praten oefenen lukt het best buiten de les, maar doordeweeks werken veel inburgeraars.</p>',
        opportunities: ['Open op zaterdagochtend een taalcafé in de bibliotheek, met vrijwilligers uit de buurt.'],
        golden_tips: ['Koffie en thee gratis, en geen aanmelding nodig.'],
        indicator_codes: ['language', 'bridges'],
        process_part: 'leerroute',
        addressee_ids: [hengelo],
        status: 'published',
        visibility: 'public',
        published_at: new Date(now - 10 * DAY),
      },
      {
        pool_id: alkmaarPool.id,
        created_by: amal,
        title: FIXED_ADVICE.regionAlkmaar,
        insight:
          '<p>De MAP bereidt voor op werk, maar werkgevers in de regio weten niet dat er inburgeraars klaarstaan.</p>',
        opportunities: ['Nodig werkgevers uit de regio uit in de MAP voor een speeddate met inburgeraars.'],
        indicator_codes: ['work', 'bridges'],
        process_part: 'map',
        addressee_ids: [alkmaar.regionId],
        status: 'published',
        visibility: 'addressed',
        published_at: new Date(now - 5 * DAY),
      },
      {
        pool_id: twentePool.id,
        created_by: reza,
        title: FIXED_ADVICE.twenteDraft,
        insight: '<p>Het eerste bezoek aan het UWV is spannend; een bekende naast je helpt.</p>',
        opportunities: ['Koppel bij het eerste UWV-bezoek een buddy uit de expertpool.'],
        indicator_codes: ['work', 'links'],
        process_part: 'map',
        addressee_ids: [enschede],
        status: 'draft',
      },
    ])
    .returning(['id', 'title'])
    .execute();
  const id = (title: string) => rows.find((r) => r.title === title)!.id;

  // Amal agreed to be quoted; her quote shows while that consent is in force.
  // The people seed may already have given Amal this consent; one active consent per purpose.
  await tx
    .insertInto('consents')
    .values({ user_id: amal, purpose: 'quotes_in_advice' })
    .onConflict((oc) => oc.columns(['user_id', 'purpose']).where('withdrawn_at', 'is', null).doNothing())
    .execute();
  await tx
    .insertInto('advice_quotes')
    .values({
      advice_id: id(FIXED_ADVICE.helpdesk),
      member_id: amal,
      body: 'Ik heb een hele ochtend in de wacht gestaan en daarna kreeg ik een mevrouw die me niet verstond.',
    })
    .execute();
  await tx
    .insertInto('advice_recognitions')
    .values([
      { advice_id: id(FIXED_ADVICE.helpdesk), user_id: tesfay },
      { advice_id: id(FIXED_ADVICE.helpdesk), user_id: lid },
      { advice_id: id(FIXED_ADVICE.inReview), user_id: amal },
    ])
    .execute();
  await tx
    .insertInto('advice_comments')
    .values({
      advice_id: id(FIXED_ADVICE.inReview),
      author_id: amal,
      body: 'Misschien ook noemen dat een tolk bij het tweede gesprek helpt.',
    })
    .execute();
  await tx
    .insertInto('advice_responses')
    .values({
      advice_id: id(FIXED_ADVICE.helpdesk),
      municipality_id: alkmaar.id,
      decision: 'partly',
      explanation: 'We openen eerst een chat; een eigen telefoonlijn nemen we mee in de begroting.',
      planned_action: 'Chat voor inburgeraars live in het voorjaar.',
      planned_on: new Date(now + 90 * DAY).toISOString().slice(0, 10),
      responded_by: context.readerByMunicipality.get(alkmaar.id) ?? null,
      created_at: new Date(now - 30 * DAY),
    })
    .execute();
}

async function userId(tx: Tx, email: string): Promise<string> {
  const row = await tx.selectFrom('auth.users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

const POOL_SHARE: [string, number][] = [
  ['alkmaar', 90],
  ['twente', 70],
  ['rotterdam', 50],
  ['zwolle', 40],
  ['friesland', 40],
  ['national', 30],
];

function statusFor(roll: number): AdviceStatus {
  if (roll < 0.08) return 'draft';
  if (roll < 0.14) return 'in_review';
  if (roll < 0.52) return 'published';
  if (roll < 0.9) return 'responded';
  if (roll < 0.97) return 'implemented';
  return 'withdrawn';
}

async function seedGeneratedAdvice(tx: Tx, context: Context) {
  const rng = random(20261123);
  const names = new Map([...context.municipalities].map(([name, m]) => [m.id, name]));
  const chainPartners = ['VNG', 'DUO', 'COA', 'Divosa', 'Ministerie van SZW'].map((n) => context.organisations.get(n)!);
  const now = Date.now();
  const plans: { advice: NewAdvice; responses: { municipalityId: string; days: number }[] }[] = [];

  let index = 0;
  for (const [key, share] of POOL_SHARE) {
    const pool = context.pools.get(key);
    if (!pool) continue;
    const served = pool.regionId ? (context.municipalitiesByRegion.get(pool.regionId) ?? []) : [];
    for (let n = 0; n < Math.round((share / 320) * GENERATED_COUNT); n += 1, index += 1) {
      const template = ADVICE_TEMPLATES[index % ADVICE_TEMPLATES.length]!;
      const status = statusFor(rng.next());
      const municipality = served.length > 0 ? rng.pick(served) : null;
      const place = municipality ? names.get(municipality)! : 'Nederland';
      const addressees = municipality
        ? rng.next() < 0.2
          ? [pool.regionId!]
          : rng.next() < 0.3
            ? [municipality, rng.pick(served)]
            : [municipality]
        : [rng.pick(chainPartners), rng.pick(chainPartners)];
      const published = status !== 'draft' && status !== 'in_review';
      const publishedAt = published ? new Date(now - Math.floor(rng.next() * 540 + 3) * DAY) : null;
      const extraIndicator = rng.next() < 0.3 ? [rng.pick(ADVICE_TEMPLATES).indicators[0]!] : [];
      plans.push({
        advice: {
          pool_id: pool.id,
          created_by: pool.members.length > 0 ? rng.pick(pool.members) : pool.coordinator,
          title: `${template.title} (${place})`,
          insight: `<p>${template.insight.replaceAll('{plaats}', place)}</p><p>${rng.pick(EVIDENCE)}</p>`,
          opportunities: template.opportunities.map((o) => o.replaceAll('{plaats}', place)),
          golden_tips: rng.next() < 0.7 ? template.tips : [],
          indicator_codes: [...new Set([...template.indicators, ...extraIndicator])],
          process_part: template.part,
          addressee_ids: [...new Set(addressees)],
          status,
          visibility: rng.next() < 0.3 ? 'public' : 'addressed',
          published_at: publishedAt,
          created_at: publishedAt ? new Date(publishedAt.getTime() - 14 * DAY) : new Date(now - 7 * DAY),
        },
        responses:
          status === 'responded' || status === 'implemented'
            ? respondingMunicipalities(addressees, context).map((municipalityId) => ({
                municipalityId,
                days: Math.floor(rng.next() * 60) + 2,
              }))
            : [],
      });
    }
  }

  const ids = await insertAdvice(
    tx,
    plans.map((p) => p.advice),
  );
  const responses = plans.flatMap((plan, i) =>
    plan.responses.flatMap(({ municipalityId, days }) => {
      const publishedAt = (plan.advice.published_at as Date).getTime();
      const decision = rng.pick<ResponseDecision>([
        'adopted',
        'adopted',
        'partly',
        'not_adopted',
        'under_consideration',
      ]);
      const text = rng.pick(RESPONSE_TEXTS[decision]!);
      const first = {
        advice_id: ids[i]!,
        municipality_id: municipalityId,
        decision,
        explanation: text.explanation,
        planned_action: text.action,
        planned_on: new Date(publishedAt + (days + 90) * DAY).toISOString().slice(0, 10),
        responded_by: context.readerByMunicipality.get(municipalityId) ?? null,
        created_at: new Date(Math.min(publishedAt + days * DAY, now)),
      };
      // Some answers were updated later: the first one stays as history.
      if (decision === 'under_consideration' && rng.next() < 0.5) {
        const later = rng.pick(RESPONSE_TEXTS.adopted!);
        return [
          first,
          {
            ...first,
            decision: 'adopted' as const,
            explanation: later.explanation,
            planned_action: later.action,
            created_at: new Date(Math.min(publishedAt + (days + 30) * DAY, now)),
          },
        ];
      }
      return [first];
    }),
  );
  for (let start = 0; start < responses.length; start += 200) {
    await tx
      .insertInto('advice_responses')
      .values(responses.slice(start, start + 200))
      .execute();
  }
}

/** A response comes from a municipality: the addressed one, or for a region one of its municipalities. */
function respondingMunicipalities(addressees: string[], context: Context): string[] {
  const municipalityIds = new Set([...context.municipalities.values()].map((m) => m.id));
  return addressees.flatMap((id) =>
    municipalityIds.has(id) ? [id] : (context.municipalitiesByRegion.get(id) ?? []).slice(0, 1),
  );
}

type NewAdvice = {
  pool_id: string;
  created_by: string | null;
  title: string;
  insight: string;
  opportunities: string[];
  golden_tips: string[];
  indicator_codes: string[];
  process_part: (typeof ADVICE_TEMPLATES)[number]['part'];
  addressee_ids: string[];
  status: AdviceStatus;
  visibility: 'public' | 'addressed';
  published_at: Date | null;
  created_at: Date;
};

async function insertAdvice(tx: Tx, rows: NewAdvice[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += 100) {
    const inserted = await tx
      .insertInto('advices')
      .values(rows.slice(start, start + 100))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}
