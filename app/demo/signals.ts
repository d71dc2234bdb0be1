import type { Tx } from '~/db/with-user.server';
import { daysBefore, seededRandom } from './random';

export const PARTNER_ORGANISATION = 'TaalMaatje';
/** A demo member who also works for the partner organisation (and so manages its questionnaires). */
export const PARTNER_WORKER = 'aziz@demo.expertpool.nl';

// Keyword lists per indicator and language (lower case); admins can change them at /admin/keywords.
const KEYWORDS: Record<string, { nl: string[]; en: string[]; ar: string[] }> = {
  work: { nl: ['werk', 'baan', 'stage', 'diploma'], en: ['job', 'work', 'internship'], ar: ['عمل', 'وظيفة'] },
  housing: { nl: ['woning', 'huis', 'huur', 'kamer'], en: ['house', 'housing', 'rent'], ar: ['سكن', 'بيت', 'إيجار'] },
  education: { nl: ['school', 'opleiding', 'studie'], en: ['school', 'study', 'course'], ar: ['مدرسة', 'دراسة'] },
  health: {
    nl: ['huisarts', 'zorg', 'ziek', 'tandarts'],
    en: ['doctor', 'health', 'sick'],
    ar: ['طبيب', 'صحة', 'مريض'],
  },
  leisure: { nl: ['sport', 'vrije tijd', 'vereniging'], en: ['sport', 'club', 'hobby'], ar: ['رياضة', 'نادي'] },
  bonds: { nl: ['familie', 'landgenoten', 'gezin'], en: ['family', 'community'], ar: ['عائلة', 'أسرة'] },
  bridges: { nl: ['buren', 'vrienden', 'nederlanders'], en: ['neighbours', 'friends'], ar: ['جيران', 'أصدقاء'] },
  links: {
    nl: ['gemeente', 'loket', 'klantmanager', 'brief'],
    en: ['municipality', 'office', 'letter'],
    ar: ['البلدية', 'رسالة'],
  },
  language: {
    nl: ['taal', 'taalles', 'tolk', 'nederlands'],
    en: ['language', 'dutch', 'interpreter'],
    ar: ['لغة', 'مترجم', 'الهولندية'],
  },
  culture: { nl: ['cultuur', 'feestdag', 'gewoonte'], en: ['culture', 'customs'], ar: ['ثقافة', 'عادات'] },
  digital: {
    nl: ['digid', 'app', 'computer', 'online'],
    en: ['digid', 'online', 'computer', 'app'],
    ar: ['تطبيق', 'إنترنت', 'حاسوب'],
  },
  safety: {
    nl: ['veilig', 'discriminatie', 'politie'],
    en: ['safe', 'discrimination', 'police'],
    ar: ['أمان', 'تمييز', 'شرطة'],
  },
  stability: {
    nl: ['verblijfsvergunning', 'schulden', 'toeslag', 'uitkering'],
    en: ['permit', 'debt', 'benefit'],
    ar: ['إقامة', 'ديون', 'إعانة'],
  },
  rights: {
    nl: ['rechten', 'plichten', 'inburgeringsplicht', 'boete'],
    en: ['rights', 'duty', 'fine'],
    ar: ['حقوق', 'واجبات', 'غرامة'],
  },
};

// Fictional questions and experiences, each with the indicators a coordinator would tag.
const TEMPLATES: { language: 'nl' | 'en' | 'ar'; text: string; indicators: string[]; parts: string[] }[] = [
  {
    language: 'nl',
    text: 'Ik begrijp de brief van de gemeente over mijn inburgeringsplicht niet. Wat moet ik doen?',
    indicators: ['links', 'rights'],
    parts: ['brede_intake'],
  },
  {
    language: 'nl',
    text: 'Mijn taalles is online, maar ik heb thuis geen computer.',
    indicators: ['language', 'digital'],
    parts: ['leerroute'],
  },
  {
    language: 'nl',
    text: 'Ik zoek al een jaar een woning maar sta nog steeds op de wachtlijst.',
    indicators: ['housing', 'stability'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'Mijn diploma uit Syrië wordt hier niet erkend, dus ik kan geen werk vinden in mijn vak.',
    indicators: ['work', 'education'],
    parts: ['map'],
  },
  {
    language: 'nl',
    text: 'Het PIP-gesprek was heel snel en ik kon niets zeggen over wat ik zelf wil.',
    indicators: ['links', 'rights'],
    parts: ['pip'],
  },
  {
    language: 'nl',
    text: 'Ik weet niet hoe ik een afspraak maak bij de huisarts.',
    indicators: ['health', 'links'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'Ik heb schulden door een terugbetaling van de toeslag en weet niet waar ik hulp krijg.',
    indicators: ['stability', 'links'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'Mijn kinderen willen op sport, maar de vereniging is te duur.',
    indicators: ['leisure', 'bridges'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'Ik wil Nederlanders leren kennen maar weet niet waar ik moet beginnen.',
    indicators: ['bridges', 'language'],
    parts: ['pvt'],
  },
  {
    language: 'nl',
    text: 'Bij de KNM-les wordt te snel gepraat, de tolk was er niet.',
    indicators: ['language', 'culture'],
    parts: ['knm'],
  },
  {
    language: 'nl',
    text: 'Ik kan niet inloggen met DigiD en de gemeente zegt dat alles online moet.',
    indicators: ['digital', 'links'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'In de bus werd ik uitgescholden. Ik voel me niet veilig.',
    indicators: ['safety', 'bridges'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'Mijn klantmanager verandert steeds en ik moet mijn verhaal opnieuw vertellen.',
    indicators: ['links'],
    parts: ['brede_intake'],
  },
  {
    language: 'nl',
    text: 'Ik mis mijn familie en er zijn geen landgenoten in mijn dorp.',
    indicators: ['bonds', 'health'],
    parts: [],
  },
  {
    language: 'nl',
    text: 'Ik wil een opleiding volgen maar dat mag niet naast de B1-route.',
    indicators: ['education', 'rights'],
    parts: ['leerroute'],
  },
  {
    language: 'en',
    text: 'I do not understand the letter from the municipality about my integration duty.',
    indicators: ['links', 'rights'],
    parts: ['brede_intake'],
  },
  {
    language: 'en',
    text: 'My Dutch course is online only and I have no computer at home.',
    indicators: ['language', 'digital'],
    parts: ['leerroute'],
  },
  {
    language: 'en',
    text: 'I have been looking for a house for a year and I am still on the waiting list.',
    indicators: ['housing'],
    parts: [],
  },
  {
    language: 'en',
    text: 'I want to work but nobody explains how an internship works here.',
    indicators: ['work'],
    parts: ['map'],
  },
  {
    language: 'en',
    text: 'The interpreter did not come to my appointment at the municipality.',
    indicators: ['language', 'links'],
    parts: ['pip'],
  },
  {
    language: 'ar',
    text: 'لا أفهم رسالة البلدية عن واجب الاندماج. ماذا يجب أن أفعل؟',
    indicators: ['links', 'rights'],
    parts: ['brede_intake'],
  },
  {
    language: 'ar',
    text: 'دروس اللغة عبر الإنترنت فقط وليس لدي حاسوب في البيت.',
    indicators: ['language', 'digital'],
    parts: ['leerroute'],
  },
  {
    language: 'ar',
    text: 'أبحث عن سكن منذ سنة وما زلت على قائمة الانتظار.',
    indicators: ['housing', 'stability'],
    parts: [],
  },
  {
    language: 'ar',
    text: 'شهادتي لا يُعترف بها هنا ولا أجد عملًا في مجالي.',
    indicators: ['work', 'education'],
    parts: ['map'],
  },
  { language: 'ar', text: 'لا أعرف كيف أحجز موعدًا عند الطبيب.', indicators: ['health', 'links'], parts: [] },
  {
    language: 'ar',
    text: 'لدي ديون بسبب إعانة السكن ولا أعرف أين أجد المساعدة.',
    indicators: ['stability'],
    parts: [],
  },
];

const CHANNELS = [
  'helpdesk',
  'helpdesk',
  'community_research',
  'session',
  'public_form',
  'public_form',
  'board_card',
] as const;
const STATUSES = ['new', 'triaged', 'triaged', 'answered', 'closed'] as const;

/** The partner organisation and its worker, keyword lists, a few hundred signals. */
export async function seedSignals(tx: Tx): Promise<void> {
  await seedPartner(tx);
  await seedKeywords(tx);
  const existing = await tx.selectFrom('signals').select('id').limit(1).executeTakeFirst();
  if (!existing) await seedSignalRows(tx);
}

async function seedPartner(tx: Tx) {
  const already = await tx
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', PARTNER_ORGANISATION)
    .executeTakeFirst();
  if (already) return;
  const { id: organisationId } = await tx
    .insertInto('organisations')
    .values({ name: PARTNER_ORGANISATION, kind: 'partner' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const worker = await tx.selectFrom('auth.users').select('id').where('email', '=', PARTNER_WORKER).executeTakeFirst();
  if (worker) {
    await tx
      .insertInto('organisation_members')
      .values({ organisation_id: organisationId, user_id: worker.id })
      .execute();
  }
}

async function seedKeywords(tx: Tx) {
  const existing = await tx.selectFrom('indicator_keywords').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const rows = Object.entries(KEYWORDS).flatMap(([code, byLanguage]) =>
    (['nl', 'en', 'ar'] as const).flatMap((language) =>
      byLanguage[language].map((keyword) => ({ indicator_code: code, language, keyword })),
    ),
  );
  await tx.insertInto('indicator_keywords').values(rows).execute();
}

async function seedSignalRows(tx: Tx) {
  const random = seededRandom(8);
  const now = new Date();
  const places = await tx
    .selectFrom('municipalities')
    .innerJoin('regions', 'regions.id', 'municipalities.region_id')
    .select(['municipalities.id', 'municipalities.name', 'regions.slug'])
    .execute();
  const people = await tx
    .selectFrom('pool_memberships')
    .innerJoin('pools', 'pools.id', 'pool_memberships.pool_id')
    .innerJoin('regions', 'regions.id', 'pools.region_id')
    .select(['pool_memberships.user_id', 'regions.slug'])
    .execute();
  const reference = (n: number) => `EP-D${String(n).padStart(5, '0')}`;

  const signals = [];
  const tags: { n: number; codes: string[] }[] = [];
  for (let n = 0; n < 360; n++) {
    const template = random.pick(TEMPLATES);
    // Housing and digital skills rise in the current month, so the patterns page has something to say.
    const rising = template.indicators.some((c) => c === 'housing' || c === 'digital');
    const daysAgo = rising && random.next() < 0.35 ? random.int(Math.max(1, now.getUTCDate())) : random.int(330);
    const place = random.next() < 0.08 ? null : random.pick(places);
    const channel = random.pick(CHANNELS);
    const logger = place ? people.filter((p) => p.slug === place.slug) : [];
    const status = daysAgo < 10 ? 'new' : random.pick(STATUSES);
    signals.push({
      reference: reference(n),
      channel,
      received_on: daysBefore(now, daysAgo),
      municipality_id: place?.id ?? null,
      language: template.language,
      body: template.text,
      status,
      process_parts: status === 'new' ? [] : template.parts,
      created_by: channel === 'public_form' || logger.length === 0 ? null : random.pick(logger).user_id,
      created_at: new Date(now.getTime() - daysAgo * 86_400_000),
    });
    if (status !== 'new') tags.push({ n, codes: template.indicators });
  }
  const inserted = await tx.insertInto('signals').values(signals).returning(['id', 'reference']).execute();
  const idOf = new Map(inserted.map((r) => [r.reference, r.id]));
  await tx
    .insertInto('signal_indicators')
    .values(
      tags.flatMap((t) => t.codes.map((code) => ({ signal_id: idOf.get(reference(t.n))!, indicator_code: code }))),
    )
    .execute();
  // Fictional contact details on some of the public questions (example.org never delivers).
  const contacts = signals
    .map((s, n) => ({ s, n }))
    .filter(({ s, n }) => s.channel === 'public_form' && n % 3 === 0)
    .map(({ n }) => ({ signal_id: idOf.get(reference(n))!, name: null, email: `vraag${n}@example.org`, phone: null }));
  if (contacts.length > 0) await tx.insertInto('signal_contacts').values(contacts).execute();

  await seedEvidence(tx, idOf, signals);
}

/** A draft advice of the Alkmaar pool that some Alkmaar signals already support. */
async function seedEvidence(
  tx: Tx,
  idOf: Map<string, string>,
  signals: { reference: string; body: string; municipality_id: string | null }[],
) {
  const pool = await tx
    .selectFrom('pools')
    .select(['id', 'region_id'])
    .where('name', '=', 'Expertpool Regio Alkmaar')
    .executeTakeFirstOrThrow();
  const coordinator = await tx
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', 'coordinator@demo.expertpool.nl')
    .executeTakeFirstOrThrow();
  const { id: adviceId } = await tx
    .insertInto('advices')
    .values({
      pool_id: pool.id,
      title: 'Leg de inburgeringsbrief uit in de eigen taal',
      insight: 'Nieuwkomers begrijpen de eerste brief over de inburgeringsplicht vaak niet.',
      created_by: coordinator.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const alkmaar = new Set(
    (await tx.selectFrom('municipalities').select('id').where('region_id', '=', pool.region_id!).execute()).map(
      (m) => m.id,
    ),
  );
  const supporting = signals
    .filter((s) => s.municipality_id && alkmaar.has(s.municipality_id) && /brief|letter|رسالة/.test(s.body))
    .slice(0, 4);
  if (supporting.length > 0) {
    await tx
      .insertInto('signal_advice_links')
      .values(
        supporting.map((s) => ({ signal_id: idOf.get(s.reference)!, advice_id: adviceId, linked_by: coordinator.id })),
      )
      .execute();
  }
}
